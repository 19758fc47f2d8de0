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
import dev.vigil.model.Step;
import dev.vigil.simulation.runtime.SimulatedRuntime;
import dev.vigil.simulation.runtime.SimulatedTimer;
import dev.vigil.simulation.runtime.VirtualClock;
import dev.vigil.simulation.scenario.Scenario;
import dev.vigil.simulation.store.SimulatedStore;
import dev.vigil.simulation.variant.EngineVariant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The real engine and the reference model side by side: every event goes to both, and after it
 * the engine's observable state, read back through its API and the store, must equal the model's
 * (SPEC §5), a command must fail in the engine exactly when it fails in the model, and the
 * invariants must hold. The first difference is kept as the run's {@link Violation}. Schedulers
 * (random runs, exhaustive exploration) decide which event comes next; this class only applies
 * and checks, and records the timeline, the coverage and the trace hash.
 */
public final class Lockstep implements AutoCloseable {
    /** The operation-id seed: ids are labels the model never sees, so any fixed seed will do. */
    public static final long ID_SEED = 0x5eed_1d5L;

    private static final boolean DEBUG = Boolean.getBoolean("vigil.debug");

    private final EngineVariant variant;
    private final RunLimits limits;
    private final VirtualClock clock = new VirtualClock();
    private final SimulatedRuntime.IdGenerator ids = new SimulatedRuntime.IdGenerator(ID_SEED);
    private final EngineObserver observer = new EngineObserver(ids);
    private final Coverage coverage = new Coverage();
    private final List<TimelineEntry> timeline = new ArrayList<>();
    private final MessageDigest digest;
    private final SimulatedStore store;
    private final MonitorRepository repository;
    private SimulatedRuntime runtime;
    private VigilEngine engine;
    private ModelState model = ModelState.initial();
    private int modelEmittedCompared;
    private int engineEventsCompared;
    private Violation violation;

    /** Opens the store and the first engine incarnation. */
    public Lockstep(EngineVariant variant, RunLimits limits) {
        this.variant = variant;
        this.limits = limits;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        this.store = new SimulatedStore();
        this.repository = store.repository();
        startEngine();
    }

    public VirtualClock clock() {
        return clock;
    }

    public ModelState model() {
        return model;
    }

    /** The engine's runtime, or null while crashed. */
    public SimulatedRuntime runtime() {
        return runtime;
    }

    /** The engine, or null while crashed. */
    public VigilEngine engine() {
        return engine;
    }

    public SimulatedStore store() {
        return store;
    }

    public SimulatedRuntime.IdGenerator ids() {
        return ids;
    }

    public Optional<Violation> violation() {
        return Optional.ofNullable(violation);
    }

    public int events() {
        return timeline.size();
    }

    public List<TimelineEntry> timeline() {
        return timeline;
    }

    public Coverage coverage() {
        return coverage;
    }

    /**
     * Applies a model event, whatever its origin, to both sides at {@code atMs}: a command through
     * the engine's API, a timer fired from the engine's queue, a probe answered. Used by schedulers
     * that pick model events (exhaustive exploration).
     *
     * @return whether the run may go on
     */
    public boolean apply(long atMs, ModelEvent event) {
        clock.advanceTo(atMs);
        return switch (event) {
            case ModelEvent.Add add -> step("command", add.monitorId(), event, () -> engine.add(add.monitorId(), engineSettings(add.monitorId(), add.settings())));
            case ModelEvent.Update update -> step("command", update.monitorId(), event,
                    () -> engine.update(update.monitorId(), engineSettings(update.monitorId(), update.settings())));
            case ModelEvent.Remove remove -> step("command", remove.monitorId(), event, () -> engine.remove(remove.monitorId()));
            case ModelEvent.Start start -> step("command", start.monitorId(), event, () -> engine.start(start.monitorId()));
            case ModelEvent.Stop stop -> step("command", stop.monitorId(), event, () -> engine.stop(stop.monitorId()));
            case ModelEvent.CheckNow checkNow -> step("command", checkNow.monitorId(), event, () -> engine.checkNow(checkNow.monitorId()));
            case ModelEvent.StartAll startAll -> step("command", "", event, () -> engine.startAll());
            case ModelEvent.StopAll stopAll -> step("command", "", event, () -> engine.stopAll());
            case ModelEvent.Tick tick -> fire(event, timer -> timer.kind().name().equals("TICK") && timer.monitorId().equals(tick.monitorId()));
            case ModelEvent.AttemptTimedOut timedOut -> fire(event, timer -> timer.kind().name().equals("ATTEMPT_TIMEOUT")
                    && operationNumber(timer) == timedOut.operation());
            case ModelEvent.RetryDue retry -> fire(event, timer -> timer.kind().name().equals("RETRY") && operationNumber(timer) == retry.operation());
            case ModelEvent.Deadline deadline -> fire(event, timer -> timer.kind().name().equals("DEADLINE")
                    && operationNumber(timer) == deadline.operation());
            case ModelEvent.AttemptCompleted completed -> answer(completed);
            case ModelEvent.StoreFails storeFails -> step("fault", "", event, () -> store.failNextTransaction(SimulatedStore.FailurePoint.COMMIT));
            case ModelEvent.Crash crash -> step("fault", "", event, this::crash);
            case ModelEvent.Restart restart -> step("fault", "", event, this::startEngine);
            case ModelEvent.ClockJump jump -> step("fault", "", event, () -> clock.jumpWallClock(jump.deltaMs()));
        };
    }

    private int operationNumber(SimulatedTimer timer) {
        return timer.operationId() == null ? 0 : ids.numberOf(timer.operationId());
    }

    /** Fires the engine's timer that matches the model's; a missing one is itself a difference. */
    private boolean fire(ModelEvent event, java.util.function.Predicate<SimulatedTimer> matches) {
        Optional<SimulatedTimer> timer = runtime == null ? Optional.empty()
                : runtime.pendingTimers().stream().filter(t -> t.dueAtMs() == clock.monotonicMs()).filter(matches).findFirst();
        String monitorId = timer.map(SimulatedTimer::monitorId).orElse("");
        if (timer.isEmpty()) {
            return step("timer", monitorId, event, () -> {
                throw new IllegalStateException("the model fires " + event.describe() + " at " + clock.monotonicMs()
                        + " ms but the engine has no such timer due");
            });
        }
        return step("timer", monitorId, event, () -> runtime.fire(timer.get()));
    }

    private boolean answer(ModelEvent.AttemptCompleted completed) {
        String operationId = ids.issued().get(completed.operation() - 1);
        Optional<AttemptKey> key = runtime == null ? Optional.empty() : runtime.pendingAttempts().stream()
                .map(attempt -> attempt.key())
                .filter(k -> k.operationId().equals(operationId) && k.attempt() == completed.attempt())
                .findFirst();
        String monitorId = key.map(AttemptKey::monitorId).orElse("");
        return step("probe", monitorId, completed, () -> {
            AttemptKey attempt = key.orElseThrow(() -> new IllegalStateException("the model answers " + completed.describe()
                    + " but the engine has no such attempt out"));
            switch (completed.outcome()) {
                case UP -> runtime.complete(attempt, ProbeResult.up(completed.latencyMs(), "simulated up"));
                case DOWN -> runtime.complete(attempt, ProbeResult.down(completed.latencyMs(), "simulated down"));
                case THROW -> runtime.fail(attempt, new IOException("simulated probe failure"));
            }
        });
    }

    static MonitorSettings engineSettings(String monitorId, ModelSettings settings) {
        return MonitorSettings.http("http://" + monitorId + ".vigil.invalid/")
                .withIntervalMs(settings.intervalMs())
                .withTimeoutMs(settings.timeoutMs())
                .withRetryAttempts(settings.retryAttempts());
    }

    void startEngine() {
        SimulatedRuntime fresh = new SimulatedRuntime(clock, ids);
        VigilEngine opened = VigilEngine.builder()
                .repository(repository)
                .runtime(fresh)
                .listener(observer::onEvent)
                .intervalMsMin(MonitorSettings.INTERVAL_MS_FLOOR)
                // The model accepts any timeout in range; checks that outlast their interval are
                // what exercise tick skipping (SPEC R4).
                .timeoutOverIntervalAllowed(true)
                .closeWaitMs(0)
                .checkerFactory(variant.checkerFactory(store))
                .build();
        runtime = fresh;
        engine = opened;
    }

    /** The process dies: the engine and everything in flight are gone; the store stays. */
    void crash() {
        runtime.close(0);
        runtime = null;
        engine = null;
    }

    /** The run's outcome so far: its timeline, coverage, trace hash and violation. */
    public RunOutcome outcome(Scenario scenario, List<Integer> choices) {
        digest.update(model.view().toString().getBytes(StandardCharsets.UTF_8));
        return new RunOutcome(scenario, choices, timeline.size(), clock.monotonicMs(), HexFormat.of().formatHex(digest.digest()),
                Optional.ofNullable(violation), timeline, coverage);
    }

    @Override
    public void close() {
        if (runtime != null) {
            runtime.close(0);
        }
        store.close();
    }

    // ------------------------------------------------------------------ lockstep

    /** An engine action that may throw a command failure. */
    @FunctionalInterface
    public interface EngineAction {
        void run();
    }

    /**
     * Applies {@code event} to the model and {@code action} to the engine, then compares them.
     *
     * @return whether the run may go on
     */
    public boolean step(String kind, String monitorId, ModelEvent event, EngineAction action) {
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
            record(index, kind, monitorId, event, statusBefore, before, step);
            violation = new Violation(index, event.describe(), "engine-threw", List.of(
                    "engine threw " + unexpected + " on " + event.describe(), stackTop(unexpected)));
            return false;
        }
        record(index, kind, monitorId, event, statusBefore, before, step);
        List<String> problems = new ArrayList<>();
        if (runtime != null) {
            runtime.drainCallbackFailures().forEach(failure -> problems.add("an exception escaped the engine: " + failure));
        }
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
            actual = observer.view(repository, engine, runtime);
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
            expected = new ObservableView(modelMonitors, model.registryView(), model.timerViews(touched), newModelEvents, model.crashed());
            actual = observer.focusedView(repository, engine, runtime, touched, limits.historyTail(),
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

    private void record(int index, String kind, String monitorId, ModelEvent event, String statusBefore, ModelState before, Step step) {
        int operation = switch (event) {
            case ModelEvent.AttemptCompleted completed -> completed.operation();
            case ModelEvent.AttemptTimedOut timedOut -> timedOut.operation();
            case ModelEvent.RetryDue retry -> retry.operation();
            case ModelEvent.Deadline deadline -> deadline.operation();
            default -> 0;
        };
        java.util.Map<Integer, dev.vigil.model.OperationState> registryBefore = before.registryView();
        java.util.Map<Integer, dev.vigil.model.OperationState> registryAfter = model.registryView();
        List<TimelineEntry.OperationMark> started = new ArrayList<>();
        List<TimelineEntry.OperationMark> ended = new ArrayList<>();
        List<TimelineEntry.StatusMark> statuses = new ArrayList<>();
        java.util.Set<Integer> applied = new java.util.HashSet<>();
        for (Observation observation : step.observations()) {
            if (observation instanceof Observation.CheckCompleted completed) {
                applied.add(completed.operation());
            } else if (observation instanceof Observation.StatusChanged changed) {
                statuses.add(new TimelineEntry.StatusMark(changed.monitorId(), changed.from().name(), changed.to().name()));
            }
        }
        registryAfter.keySet().stream().filter(number -> !registryBefore.containsKey(number)).sorted().forEach(number ->
                started.add(new TimelineEntry.OperationMark(monitorOfOperation(model, number), number, "")));
        registryBefore.keySet().stream().filter(number -> !registryAfter.containsKey(number)).sorted().forEach(number -> {
            String end = applied.contains(number) ? "APPLIED"
                    : event instanceof ModelEvent.Deadline ? "DEADLINE"
                    : registryBefore.get(number) == dev.vigil.model.OperationState.CANCELLED ? "CANCELLED" : "DISCARDED";
            ended.add(new TimelineEntry.OperationMark(monitorOfOperation(before, number), number, end));
        });
        TimelineEntry entry = new TimelineEntry(index, clock.monotonicMs(), monitorId, operation, kind, event.describe(), started, ended, statuses);
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

    /** The monitor of a live operation: from its attempt out or its timers. */
    public static String monitorOfOperation(ModelState state, int operation) {
        for (dev.vigil.model.InFlightAttempt attempt : state.inFlight()) {
            if (attempt.operation() == operation) {
                return attempt.monitorId();
            }
        }
        for (dev.vigil.model.Timer timer : state.pendingTimers()) {
            if (timer.operation() == operation) {
                return timer.monitorId();
            }
        }
        return "";
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
            case ModelEvent.ClockJump jump -> "R7"; // what it tests: deadlines and timers ignore the wall clock
        };
    }
}
