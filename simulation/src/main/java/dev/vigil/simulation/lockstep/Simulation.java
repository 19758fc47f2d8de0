package dev.vigil.simulation.lockstep;

import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.runtime.AttemptKey;
import dev.vigil.model.ModelEvent;
import dev.vigil.model.ModelSettings;
import dev.vigil.model.Outcome;
import dev.vigil.simulation.choice.Gen;
import dev.vigil.simulation.choice.RecordedChoices;
import dev.vigil.simulation.runtime.PendingAttempt;
import dev.vigil.simulation.runtime.SimulatedRuntime;
import dev.vigil.simulation.runtime.SimulatedTimer;
import dev.vigil.simulation.scenario.Scenario;
import dev.vigil.simulation.scenario.ScenarioParameters;
import dev.vigil.simulation.store.SimulatedStore;
import dev.vigil.simulation.variant.EngineVariant;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A random run: a seeded scheduler decides what happens next, and {@link Lockstep} applies it to
 * the real engine and the model and compares them.
 *
 * <p>Every decision — the scenario, which of several events due at the same virtual time goes
 * first, what a probe answers and when, which command comes next — is drawn from the
 * {@link RecordedChoices}, so the recorded choices replay the run exactly and shrinking them
 * shrinks the run. Nothing here reads the wall clock, and iteration orders are all defined.
 */
public final class Simulation {
    private static final List<Outcome> OUTCOMES = List.of(Outcome.UP, Outcome.DOWN, Outcome.THROW);
    private static final List<String> COMMANDS = List.of("add", "update", "remove", "start", "stop", "checkNow", "startAll", "stopAll");

    private final RecordedChoices choices;
    private final Scenario scenario;
    private final Lockstep lockstep;
    private final RunLimits limits;
    /** How a store failure strikes: at commit, at begin, or as a connection dropped mid-transaction. */
    private static final List<SimulatedStore.FailurePoint> FAILURE_POINTS = List.of(SimulatedStore.FailurePoint.COMMIT,
            SimulatedStore.FailurePoint.BEGIN, SimulatedStore.FailurePoint.DROP);
    private final Map<AttemptKey, Plan> plans = new LinkedHashMap<>();
    private long nextCommandAtMs;

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

    private Simulation(Scenario scenario, RunLimits limits, EngineVariant variant, RecordedChoices choices) {
        this.choices = choices;
        this.scenario = scenario;
        this.limits = limits;
        this.lockstep = new Lockstep(variant, limits);
    }

    /** Runs one simulation, its scenario drawn from the choices, to its event budget or its first violation. */
    public static RunOutcome run(ScenarioParameters parameters, EngineVariant variant, RecordedChoices choices) {
        Scenario scenario = parameters.draw(choices);
        return run(scenario, RunLimits.exhaustive(scenario.eventsMax()), variant, choices);
    }

    /** Runs a given scenario within {@code limits}: the benchmark's day of 100 monitors. */
    public static RunOutcome run(Scenario scenario, RunLimits limits, EngineVariant variant, RecordedChoices choices) {
        Simulation simulation = new Simulation(scenario, limits, variant, choices);
        try {
            simulation.execute();
            return simulation.lockstep.outcome(scenario, choices.recorded());
        } finally {
            simulation.lockstep.close();
        }
    }

    private void execute() {
        for (Scenario.MonitorPlan monitor : scenario.monitors()) {
            if (!lockstep.apply(0, new ModelEvent.Add(monitor.id(), monitor.settings()))) {
                return;
            }
        }
        if (scenario.startAtOnce() && !lockstep.apply(0, new ModelEvent.StartAll())) {
            return;
        }
        nextCommandAtMs = drawGap();
        while (lockstep.events() < limits.eventsMax() && lockstep.clock().monotonicMs() < limits.simulatedMsMax()
                && lockstep.violation().isEmpty()) {
            planNewAttempts();
            List<Candidate> due = dueNext();
            Candidate chosen = due.size() == 1 ? due.getFirst() : due.get(choices.draw(due.size()));
            lockstep.clock().advanceTo(chosen.atMs());
            switch (chosen) {
                case TimerDue timerDue -> fireTimer(timerDue.timer());
                case ProbeReturns returns -> returnProbe(returns.key(), returns.plan());
                case CommandSlot slot -> {
                    runCommandSlot();
                    nextCommandAtMs = lockstep.clock().monotonicMs() + drawGap();
                }
            }
        }
    }

    /** Every candidate due at the earliest time, in a defined order: timers, probe returns, the command slot. */
    private List<Candidate> dueNext() {
        List<Candidate> all = new ArrayList<>();
        SimulatedRuntime runtime = lockstep.runtime();
        if (runtime != null) {
            // Only the earliest can be next; the others would be filtered out below anyway.
            runtime.earliestTimers().forEach(timer -> all.add(new TimerDue(timer)));
        }
        plans.forEach((key, plan) -> {
            if (!plan.hangs()) {
                all.add(new ProbeReturns(key, plan));
            }
        });
        all.add(new CommandSlot(Math.max(nextCommandAtMs, lockstep.clock().monotonicMs())));
        long earliest = all.stream().mapToLong(Candidate::atMs).min().orElseThrow();
        return all.stream().filter(candidate -> candidate.atMs() == earliest).toList();
    }

    /** Decides, once per attempt and in the order attempts started, what it will answer and when. */
    private void planNewAttempts() {
        SimulatedRuntime runtime = lockstep.runtime();
        if (runtime == null) {
            plans.clear(); // a crash took every attempt with it
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
            if (plan.hangs()) {
                AttemptKey key = attempt.key();
                // Once the engine gives up on a hung probe (attempt timeout, deadline, stop) nothing
                // can come of it: forget it, or every later event would walk a growing list of them.
                attempt.future().whenComplete((result, error) -> {
                    if (plans.remove(key) != null && runtime.attempt(key).isPresent()) {
                        runtime.forget(key);
                    }
                });
            }
        }
    }

    private long drawGap() {
        return choices.draw((int) scenario.commandGapMsMax() + 1);
    }

    private void fireTimer(SimulatedTimer timer) {
        SimulatedRuntime.IdGenerator ids = lockstep.ids();
        ModelEvent event = switch (timer.kind()) {
            case TICK -> new ModelEvent.Tick(timer.monitorId());
            case ATTEMPT_TIMEOUT -> new ModelEvent.AttemptTimedOut(ids.numberOf(timer.operationId()), currentAttempt(timer.operationId()));
            case RETRY -> new ModelEvent.RetryDue(ids.numberOf(timer.operationId()));
            case DEADLINE -> new ModelEvent.Deadline(ids.numberOf(timer.operationId()));
        };
        lockstep.step("timer", timer.monitorId(), event, () -> lockstep.runtime().fire(timer));
    }

    /** The attempt an attempt timer belongs to: the operation's latest started attempt. */
    private int currentAttempt(String operationId) {
        return lockstep.runtime().pendingAttempts().stream()
                .filter(attempt -> attempt.key().operationId().equals(operationId))
                .mapToInt(attempt -> attempt.key().attempt())
                .max()
                .orElseThrow(() -> new IllegalStateException("an attempt timer of " + operationId + " fired with no attempt out"));
    }

    private void returnProbe(AttemptKey key, Plan plan) {
        plans.remove(key);
        Outcome outcome = plan.outcome().orElseThrow();
        ModelEvent event = new ModelEvent.AttemptCompleted(lockstep.ids().numberOf(key.operationId()), key.attempt(), outcome, plan.latencyMs());
        lockstep.step("probe", key.monitorId(), event, () -> {
            switch (outcome) {
                case UP -> lockstep.runtime().complete(key, ProbeResult.up(plan.latencyMs(), "simulated up"));
                case DOWN -> lockstep.runtime().complete(key, ProbeResult.down(plan.latencyMs(), "simulated down"));
                case THROW -> lockstep.runtime().fail(key, new IOException("simulated probe failure"));
            }
        });
    }

    private void runCommandSlot() {
        long now = lockstep.clock().monotonicMs();
        if (lockstep.engine() == null) {
            lockstep.apply(now, new ModelEvent.Restart());
            return;
        }
        int roll = choices.draw(100);
        if (roll < scenario.storeFailPercent()) {
            SimulatedStore.FailurePoint point = FAILURE_POINTS.get(choices.draw(FAILURE_POINTS.size()));
            lockstep.step("fault", "", new ModelEvent.StoreFails(), () -> lockstep.store().failNextTransaction(point));
            return;
        }
        if (roll < scenario.storeFailPercent() + scenario.crashPercent()) {
            lockstep.apply(now, new ModelEvent.Crash());
            return;
        }
        if (roll < scenario.storeFailPercent() + scenario.crashPercent() + scenario.clockJumpPercent()) {
            // Back or forward by up to a day, as an NTP step or a resumed VM does.
            long deltaMs = (choices.draw(2) == 0 ? -1 : 1) * (1 + (long) choices.draw(86_400_000));
            lockstep.apply(now, new ModelEvent.ClockJump(deltaMs));
            return;
        }
        String command = Gen.weighted(COMMANDS, scenario.commands().weights()).generate(choices);
        String monitorId = scenario.monitors().get(choices.draw(scenario.monitors().size())).id();
        ModelEvent event = switch (command) {
            case "add" -> new ModelEvent.Add(monitorId, settingsOf(monitorId));
            case "update" -> new ModelEvent.Update(monitorId, ScenarioParameters.settings().generate(choices));
            case "remove" -> new ModelEvent.Remove(monitorId);
            case "start" -> new ModelEvent.Start(monitorId);
            case "stop" -> new ModelEvent.Stop(monitorId);
            case "checkNow" -> new ModelEvent.CheckNow(monitorId);
            case "startAll" -> new ModelEvent.StartAll();
            case "stopAll" -> new ModelEvent.StopAll();
            default -> throw new IllegalStateException("unknown command " + command);
        };
        lockstep.apply(now, event);
    }

    /** The settings a re-added monitor gets: the scenario's, so that add stays one choice. */
    private ModelSettings settingsOf(String monitorId) {
        return scenario.monitors().stream().filter(m -> m.id().equals(monitorId)).findFirst().orElseThrow().settings();
    }
}
