package dev.vigil.simulation.lockstep;

import dev.vigil.engine.InvalidSettingsException;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.StoreException;
import dev.vigil.engine.UnknownMonitorException;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.runtime.AttemptKey;
import dev.vigil.engine.store.MonitorRepository;
import dev.vigil.model.InvariantViolation;
import dev.vigil.model.Invariants;
import dev.vigil.model.Model;
import dev.vigil.model.ModelEvent;
import dev.vigil.model.ModelSettings;
import dev.vigil.model.ModelState;
import dev.vigil.model.MonitorView;
import dev.vigil.model.ObservableView;
import dev.vigil.model.Observation;
import dev.vigil.model.Outcome;
import dev.vigil.model.Step;
import dev.vigil.simulation.choice.RecordedChoices;
import dev.vigil.simulation.choice.Gen;
import dev.vigil.simulation.runtime.PendingAttempt;
import dev.vigil.simulation.runtime.SimulatedRuntime;
import dev.vigil.simulation.runtime.SimulatedTimer;
import dev.vigil.simulation.runtime.VirtualClock;
import dev.vigil.simulation.scenario.Scenario;
import dev.vigil.simulation.scenario.ScenarioParameters;
import dev.vigil.simulation.store.SimulatedStore;
import dev.vigil.simulation.variant.EngineVariant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One deterministic run: the real engine on a virtual clock and the reference model, driven by
 * the same events, compared after every one (SPEC §5) and checked against the invariants.
 *
 * <p>Every decision — the scenario, which of several events due at the same virtual time goes
 * first, what a probe answers and when, which command comes next — is drawn from the
 * {@link RecordedChoices}, so the recorded choices replay the run exactly and shrinking them shrinks
 * the run. Nothing here reads the wall clock, and iteration orders are all defined.
 */
public final class Simulation {
    /** The operation-id seed of replays: ids are labels the model never sees, so any fixed seed will do. */
    public static final long ID_SEED = 0x5eed_1d5L;

    private static final boolean DEBUG = Boolean.getBoolean("vigil.debug");
    private static final List<Outcome> OUTCOMES = List.of(Outcome.UP, Outcome.DOWN, Outcome.THROW);
    private static final List<String> COMMANDS = List.of("add", "update", "remove", "start", "stop", "checkNow", "startAll", "stopAll");

    private final ScenarioParameters parameters;
    private final Scenario fixedScenario;
    private final EngineVariant variant;
    private final RecordedChoices choices;
    private RunLimits limits;
    private int modelEmittedCompared;
    private int engineEventsCompared;

    private Scenario scenario;
    private final VirtualClock clock = new VirtualClock();
    private final SimulatedRuntime.IdGenerator ids = new SimulatedRuntime.IdGenerator(ID_SEED);
    private final EngineObserver observer = new EngineObserver(ids);
    private final Coverage coverage = new Coverage();
    private final List<TimelineEntry> timeline = new ArrayList<>();
    private final Map<AttemptKey, Plan> plans = new LinkedHashMap<>();
    private final MessageDigest digest;
    private SimulatedStore store;
    private MonitorRepository repository;
    private SimulatedRuntime runtime;
    private VigilEngine engine;
    private ModelState model = ModelState.initial();
    private long nextCommandAtMs;
    private Violation violation;

    /** What the scheduler decided for one probe attempt: when it returns and with what, or never. */
    private record Plan(long returnAtMs, Optional<Outcome> outcome, long latencyMs) {
        boolean hangs() {
            return outcome.isEmpty();
        }
    }

    /** Something that can happen next, at {@code atMs}. */
    private sealed interface Candidate {
        long atMs();
    }

    private record TimerDue(SimulatedTimer timer) implements Candidate {
        public long atMs() {
            return timer.dueAtMs();
        }
    }

    private record ProbeReturns(AttemptKey key, Plan plan) implements Candidate {
        public long atMs() {
            return plan.returnAtMs();
        }
    }

    private record CommandSlot(long atMs) implements Candidate {}

    private Simulation(ScenarioParameters parameters, Scenario fixedScenario, RunLimits limits, EngineVariant variant,
            RecordedChoices choices) {
        this.parameters = parameters;
        this.fixedScenario = fixedScenario;
        this.limits = limits;
        this.variant = variant;
        this.choices = choices;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Runs one simulation to its event budget or its first violation. */
    public static RunOutcome run(ScenarioParameters parameters, EngineVariant variant, RecordedChoices choices) {
        return execute(new Simulation(parameters, null, null, variant, choices));
    }

    /** Runs a given scenario within {@code limits}: the benchmark's day of 100 monitors. */
    public static RunOutcome run(Scenario scenario, RunLimits limits, EngineVariant variant, RecordedChoices choices) {
        return execute(new Simulation(null, scenario, limits, variant, choices));
    }

    private static RunOutcome execute(Simulation simulation) {
        try {
            return simulation.execute();
        } finally {
            simulation.dispose();
        }
    }

    private RunOutcome execute() {
        scenario = fixedScenario != null ? fixedScenario : parameters.draw(choices);
        if (limits == null) {
            limits = RunLimits.exhaustive(scenario.eventsMax());
        }
        store = new SimulatedStore();
        repository = store.repository();
        startEngine();
        for (Scenario.MonitorPlan monitor : scenario.monitors()) {
            if (!step("command", monitor.id(), new ModelEvent.Add(monitor.id(), monitor.settings()),
                    () -> engine.add(monitor.id(), engineSettings(monitor.id(), monitor.settings())))) {
                return outcome();
            }
        }
        if (scenario.startAtOnce() && !step("command", "", new ModelEvent.StartAll(), () -> engine.startAll())) {
            return outcome();
        }
        nextCommandAtMs = drawGap();
        while (timeline.size() < limits.eventsMax() && clock.monotonicMs() < limits.simulatedMsMax() && violation == null) {
            planNewAttempts();
            List<Candidate> due = dueNext();
            Candidate chosen = due.size() == 1 ? due.getFirst() : due.get(choices.draw(due.size()));
            clock.advanceTo(chosen.atMs());
            switch (chosen) {
                case TimerDue timerDue -> fireTimer(timerDue.timer());
                case ProbeReturns returns -> returnProbe(returns.key(), returns.plan());
                case CommandSlot slot -> {
                    runCommandSlot();
                    nextCommandAtMs = clock.monotonicMs() + drawGap();
                }
            }
        }
        return outcome();
    }

    private RunOutcome outcome() {
        ObservableView last = model.view();
        digest.update(last.toString().getBytes(StandardCharsets.UTF_8));
        return new RunOutcome(scenario, choices.recorded(), timeline.size(), clock.monotonicMs(), HexFormat.of().formatHex(digest.digest()),
                Optional.ofNullable(violation), timeline, coverage);
    }

    private void dispose() {
        if (runtime != null) {
            runtime.close(0);
        }
        if (store != null) {
            store.close();
        }
    }

    // ------------------------------------------------------------------ what happens next

    /** Every candidate due at the earliest time, in a defined order: timers, probe returns, the command slot. */
    private List<Candidate> dueNext() {
        List<Candidate> all = new ArrayList<>();
        if (runtime != null) {
            runtime.pendingTimers().forEach(timer -> all.add(new TimerDue(timer)));
        }
        plans.forEach((key, plan) -> {
            if (!plan.hangs()) {
                all.add(new ProbeReturns(key, plan));
            }
        });
        all.add(new CommandSlot(Math.max(nextCommandAtMs, clock.monotonicMs())));
        long earliest = all.stream().mapToLong(Candidate::atMs).min().orElseThrow();
        return all.stream().filter(candidate -> candidate.atMs() == earliest).toList();
    }

    /** Decides, once per attempt and in the order attempts started, what it will answer and when. */
    private void planNewAttempts() {
        if (runtime == null) {
            return;
        }
        for (PendingAttempt attempt : runtime.pendingAttempts()) {
            if (plans.containsKey(attempt.key())) {
                continue;
            }
            long timeoutMs = attempt.settings().timeoutMs();
            int kind = Gen.weighted(List.of(0, 1, 2, 3, 4), scenario.probes().weights()).generate(choices);
            Plan plan = switch (kind) {
                case 3 -> new Plan(Long.MAX_VALUE, Optional.empty(), 0);
                case 4 -> {
                    long latencyMs = timeoutMs + 1 + choices.draw((int) timeoutMs * 2);
                    yield new Plan(attempt.startedAtMs() + latencyMs, Optional.of(OUTCOMES.get(choices.draw(2))), latencyMs);
                }
                default -> {
                    // Up to and including the timeout: a return at the very moment the attempt times out is a race worth having.
                    long latencyMs = choices.draw((int) timeoutMs + 1);
                    yield new Plan(attempt.startedAtMs() + latencyMs, Optional.of(OUTCOMES.get(kind)), latencyMs);
                }
            };
            plans.put(attempt.key(), plan);
        }
    }

    private long drawGap() {
        return choices.draw((int) scenario.commandGapMsMax() + 1);
    }

    // ------------------------------------------------------------------ executing events

    private void fireTimer(SimulatedTimer timer) {
        String monitorId = timer.monitorId();
        ModelEvent event = switch (timer.kind()) {
            case TICK -> new ModelEvent.Tick(monitorId);
            case ATTEMPT_TIMEOUT -> new ModelEvent.AttemptTimedOut(ids.numberOf(timer.operationId()), currentAttempt(timer.operationId()));
            case RETRY -> new ModelEvent.RetryDue(ids.numberOf(timer.operationId()));
            case DEADLINE -> new ModelEvent.Deadline(ids.numberOf(timer.operationId()));
        };
        step("timer", monitorId, event, () -> runtime.fire(timer));
    }

    /** The attempt an attempt timer belongs to: the operation's latest started attempt. */
    private int currentAttempt(String operationId) {
        return runtime.pendingAttempts().stream()
                .filter(attempt -> attempt.key().operationId().equals(operationId))
                .mapToInt(attempt -> attempt.key().attempt())
                .max()
                .orElseThrow(() -> new IllegalStateException("an attempt timer of " + operationId + " fired with no attempt out"));
    }

    private void returnProbe(AttemptKey key, Plan plan) {
        plans.remove(key);
        Outcome outcome = plan.outcome().orElseThrow();
        ModelEvent event = new ModelEvent.AttemptCompleted(ids.numberOf(key.operationId()), key.attempt(), outcome, plan.latencyMs());
        step("probe", key.monitorId(), event, () -> {
            switch (outcome) {
                case UP -> runtime.complete(key, ProbeResult.up(plan.latencyMs(), "simulated up"));
                case DOWN -> runtime.complete(key, ProbeResult.down(plan.latencyMs(), "simulated down"));
                case THROW -> runtime.fail(key, new IOException("simulated probe failure"));
            }
        });
    }

    private void runCommandSlot() {
        if (engine == null) {
            step("fault", "", new ModelEvent.Restart(), this::startEngine);
            return;
        }
        int roll = choices.draw(100);
        if (roll < scenario.storeFailPercent()) {
            SimulatedStore.FailurePoint point = choices.draw(2) == 0 ? SimulatedStore.FailurePoint.COMMIT : SimulatedStore.FailurePoint.BEGIN;
            step("fault", "", new ModelEvent.StoreFails(), () -> store.failNextTransaction(point));
            return;
        }
        if (roll < scenario.storeFailPercent() + scenario.crashPercent()) {
            step("fault", "", new ModelEvent.Crash(), this::crash);
            return;
        }
        String command = Gen.weighted(COMMANDS, scenario.commands().weights()).generate(choices);
        String monitorId = scenario.monitors().get(choices.draw(scenario.monitors().size())).id();
        switch (command) {
            case "add" -> {
                ModelSettings settings = settingsOf(monitorId);
                step("command", monitorId, new ModelEvent.Add(monitorId, settings), () -> engine.add(monitorId, engineSettings(monitorId, settings)));
            }
            case "update" -> {
                ModelSettings settings = ScenarioParameters.settings().generate(choices);
                step("command", monitorId, new ModelEvent.Update(monitorId, settings),
                        () -> engine.update(monitorId, engineSettings(monitorId, settings)));
            }
            case "remove" -> step("command", monitorId, new ModelEvent.Remove(monitorId), () -> engine.remove(monitorId));
            case "start" -> step("command", monitorId, new ModelEvent.Start(monitorId), () -> engine.start(monitorId));
            case "stop" -> step("command", monitorId, new ModelEvent.Stop(monitorId), () -> engine.stop(monitorId));
            case "checkNow" -> step("command", monitorId, new ModelEvent.CheckNow(monitorId), () -> engine.checkNow(monitorId));
            case "startAll" -> step("command", "", new ModelEvent.StartAll(), () -> engine.startAll());
            case "stopAll" -> step("command", "", new ModelEvent.StopAll(), () -> engine.stopAll());
            default -> throw new IllegalStateException("unknown command " + command);
        }
    }

    /** The settings a re-added monitor gets: the scenario's, so that add stays one choice. */
    private ModelSettings settingsOf(String monitorId) {
        return scenario.monitors().stream().filter(m -> m.id().equals(monitorId)).findFirst().orElseThrow().settings();
    }

    private static MonitorSettings engineSettings(String monitorId, ModelSettings settings) {
        return MonitorSettings.http("http://" + monitorId + ".vigil.invalid/")
                .withIntervalMs(settings.intervalMs())
                .withTimeoutMs(settings.timeoutMs())
                .withRetryAttempts(settings.retryAttempts());
    }

    private void startEngine() {
        SimulatedRuntime fresh = new SimulatedRuntime(clock, ids);
        VigilEngine opened = VigilEngine.builder()
                .repository(repository)
                .runtime(fresh)
                .listener(observer::onEvent)
                .intervalMsMin(MonitorSettings.INTERVAL_MS_FLOOR)
                .closeWaitMs(0)
                .checkerFactory(variant.checkerFactory(store))
                .build();
        runtime = fresh;
        engine = opened;
    }

    /** The process dies: the engine and everything in flight are gone; the store stays. */
    private void crash() {
        runtime.close(0);
        runtime = null;
        engine = null;
        plans.clear();
    }

    // ------------------------------------------------------------------ lockstep

    /** An engine action that may throw a command failure. */
    @FunctionalInterface
    private interface EngineAction {
        void run();
    }

    /**
     * Applies {@code event} to the model and {@code action} to the engine, then compares them.
     *
     * @return whether the run may go on
     */
    private boolean step(String kind, String monitorId, ModelEvent event, EngineAction action) {
        int index = timeline.size();
        ModelState before = model;
        String statusBefore = before.monitorView(monitorId, 0).map(MonitorView::status).map(Enum::name).orElse("NONE");
        Step step = Model.step(model, clock.monotonicMs(), event);
        model = step.next();
        Throwable thrown = null;
        try {
            action.run();
        } catch (InvalidSettingsException | UnknownMonitorException | StoreException failure) {
            thrown = failure; // the documented ways a command fails; whether it should have is checked below
        } catch (RuntimeException unexpected) {
            record(index, kind, monitorId, event, statusBefore, step);
            violation = new Violation(index, event.describe(), "engine-threw", List.of(
                    "engine threw " + unexpected + " on " + event.describe(), stackTop(unexpected)));
            return false;
        }
        record(index, kind, monitorId, event, statusBefore, step);
        List<String> problems = new ArrayList<>();
        if (step.commandFailed() != (thrown != null) && (event.isCommand() || event instanceof ModelEvent.Restart)) {
            problems.add(step.commandFailed()
                    ? "expected the command to fail (" + failureReason(step) + "), engine succeeded"
                    : "expected the command to succeed, engine threw " + thrown);
        }
        boolean whole = index % limits.fullCompareEvery() == 0 || touchesEveryMonitor(event);
        ObservableView expected;
        ObservableView actual;
        if (whole) {
            expected = model.view();
            actual = observer.view(repository, engine, runtime, clock.wallOffsetMs());
            problems.addAll(expected.diff(actual));
        } else {
            List<Observation> newModelEvents = model.emitted().drop(modelEmittedCompared).filter(Observation::compared).toJavaList();
            List<Observation> newEngineEvents = observer.eventsSince(engineEventsCompared);
            java.util.SortedSet<String> touched = new java.util.TreeSet<>();
            if (!monitorId.isEmpty()) {
                touched.add(monitorId);
            }
            newModelEvents.forEach(observation -> monitorOf(observation).ifPresent(touched::add));
            newEngineEvents.forEach(observation -> monitorOf(observation).ifPresent(touched::add));
            List<MonitorView> modelMonitors = new ArrayList<>();
            for (String id : touched) {
                model.monitorView(id, limits.historyTail()).ifPresent(modelMonitors::add);
                int engineSize = repository.historySize(id);
                if (engineSize != model.historySize(id)) {
                    problems.add("monitor " + id + ": history size expected " + model.historySize(id) + ", engine has " + engineSize);
                }
            }
            expected = new ObservableView(modelMonitors, model.registryView(), model.timerViews(), newModelEvents, model.crashed());
            actual = observer.focusedView(repository, engine, runtime, clock.wallOffsetMs(), touched, limits.historyTail(),
                    engineEventsCompared);
            problems.addAll(expected.diff(actual));
        }
        modelEmittedCompared = model.emitted().size();
        engineEventsCompared = observer.eventCount();
        if (DEBUG) {
            System.err.println("#" + index + " " + event.describe() + "\n  model  " + expected.monitors() + " " + expected.registry()
                    + " " + expected.timers() + "\n  engine " + actual.monitors() + " " + actual.registry() + "\n  note " + step.note());
        }
        if (!problems.isEmpty()) {
            violation = new Violation(index, event.describe(), "lockstep", problems);
            List<InvariantViolation> broken = Invariants.checkView(actual).toJavaList();
            if (!broken.isEmpty()) {
                violation = new Violation(index, event.describe(), broken.getFirst().invariant(),
                        concat(broken.stream().map(InvariantViolation::toString).toList(), problems));
            }
            return false;
        }
        // The model's own invariants: after every event when every event is compared in full,
        // else at the full comparisons (I7 alone is linear in the history).
        List<InvariantViolation> modelBroken = whole ? Invariants.check(before, event, model).toJavaList() : List.of();
        if (!modelBroken.isEmpty()) {
            violation = new Violation(index, event.describe(), "model",
                    modelBroken.stream().map(v -> "the model itself broke " + v).toList());
            return false;
        }
        return true;
    }

    private void record(int index, String kind, String monitorId, ModelEvent event, String statusBefore, Step step) {
        int operation = switch (event) {
            case ModelEvent.AttemptCompleted completed -> completed.operation();
            case ModelEvent.AttemptTimedOut timedOut -> timedOut.operation();
            case ModelEvent.RetryDue retry -> retry.operation();
            case ModelEvent.Deadline deadline -> deadline.operation();
            default -> 0;
        };
        TimelineEntry entry = new TimelineEntry(index, clock.monotonicMs(), monitorId, operation, kind, event.describe());
        timeline.add(entry);
        digest.update((entry.line() + "\n").getBytes(StandardCharsets.UTF_8));
        String name = eventName(event);
        coverage.countStatusEvent(statusBefore, name);
        coverage.countRule(ruleOf(event));
        for (Observation observation : step.observations()) {
            if (observation instanceof Observation.CheckCompleted) {
                coverage.countRule("R6");
            } else if (observation instanceof Observation.StoreFailed) {
                coverage.countRule("R12");
            }
        }
    }

    private static String failureReason(Step step) {
        return step.observations().filter(o -> o instanceof Observation.CommandFailed).map(Observation::describe).getOrElse("");
    }

    private static String stackTop(Throwable thrown) {
        StackTraceElement[] trace = thrown.getStackTrace();
        return trace.length == 0 ? "(no stack)" : "at " + trace[0];
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** Events after which every monitor may have changed: compared in full. */
    private static boolean touchesEveryMonitor(ModelEvent event) {
        return event instanceof ModelEvent.StartAll || event instanceof ModelEvent.StopAll || event instanceof ModelEvent.Crash
                || event instanceof ModelEvent.Restart;
    }

    private static Optional<String> monitorOf(Observation observation) {
        return switch (observation) {
            case Observation.MonitoringStarted started -> Optional.of(started.monitorId());
            case Observation.MonitoringStopped stopped -> Optional.of(stopped.monitorId());
            case Observation.StatusChanged changed -> Optional.of(changed.monitorId());
            case Observation.CheckCompleted completed -> Optional.of(completed.monitorId());
            case Observation.StoreFailed failed -> failed.monitorId();
            case Observation.CheckDiscarded discarded -> Optional.of(discarded.monitorId());
            case Observation.CommandFailed failed -> Optional.empty();
        };
    }

    /** The event's name as coverage counts it, e.g. {@code attemptCompleted}. */
    static String eventName(ModelEvent event) {
        String simple = event.getClass().getSimpleName();
        return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
    }

    /** The rule an event invokes first. */
    static String ruleOf(ModelEvent event) {
        return switch (event) {
            case ModelEvent.Add add -> "R1";
            case ModelEvent.Start start -> "R2";
            case ModelEvent.Stop stop -> "R3";
            case ModelEvent.Tick tick -> "R4";
            case ModelEvent.AttemptCompleted completed -> "R5";
            case ModelEvent.AttemptTimedOut timedOut -> "R5";
            case ModelEvent.RetryDue retry -> "R5";
            case ModelEvent.Deadline deadline -> "R7";
            case ModelEvent.CheckNow checkNow -> "R8";
            case ModelEvent.Update update -> "R9";
            case ModelEvent.Remove remove -> "R10";
            case ModelEvent.StartAll startAll -> "R11";
            case ModelEvent.StopAll stopAll -> "R11";
            case ModelEvent.StoreFails storeFails -> "R12";
            case ModelEvent.Crash crash -> "R13";
            case ModelEvent.Restart restart -> "R13";
        };
    }
}
