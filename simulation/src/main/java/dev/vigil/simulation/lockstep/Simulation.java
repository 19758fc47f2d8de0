package dev.vigil.simulation.lockstep;

import dev.vigil.engine.HistoryRetention;
import dev.vigil.engine.spi.AttemptKey;
import dev.vigil.model.ModelEvent;
import dev.vigil.model.ModelSettings;
import dev.vigil.model.Outcome;
import dev.vigil.simulation.choice.Gen;
import dev.vigil.simulation.choice.RecordedChoices;
import dev.vigil.simulation.runtime.PendingAttempt;
import dev.vigil.simulation.runtime.SimulatedRuntime;
import dev.vigil.simulation.runtime.SimulatedTimer;
import dev.vigil.simulation.scenario.MonitorIds;
import dev.vigil.simulation.scenario.Scenario;
import dev.vigil.simulation.scenario.ScenarioParameters;
import dev.vigil.simulation.store.SimulatedStore;
import dev.vigil.simulation.store.StoreKind;
import dev.vigil.simulation.variant.EngineVariant;
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
 * first, what a probe answers and when, which command comes next and on which monitor, when the
 * event thread delivers, whether a timer's task loses the race for the lane to a command — is
 * drawn from the {@link RecordedChoices}, so the recorded choices replay the run exactly and
 * shrinking them shrinks the run. Nothing here reads the wall clock, and iteration orders are all
 * defined.
 */
public final class Simulation {
    private static final List<String> COMMANDS = List.of("add", "update", "remove", "start", "stop", "checkNow", "startAll", "stopAll");
    /** The outcomes of a probe that fails as a buggy one does. */
    private static final List<Outcome> BUGGY = List.of(Outcome.THROW_RUNTIME, Outcome.THROW_WRAPPED, Outcome.THROW_ERROR);
    /** A command names an existing monitor this often (percent); the rest name one that is not there. */
    private static final int EXISTING_TARGET_PERCENT = 85;
    /** The longest process pause drawn: long enough for a deadline to fall due before an attempt's timeout fires. */
    private static final long PAUSE_MS_MAX = 20_000;
    /** How a store failure strikes: at commit, at begin, or as a connection dropped mid-transaction. */
    private static final List<SimulatedStore.FailurePoint> FAILURE_POINTS = List.of(SimulatedStore.FailurePoint.COMMIT,
            SimulatedStore.FailurePoint.BEGIN, SimulatedStore.FailurePoint.DROP);

    private final RecordedChoices choices;
    private final Scenario scenario;
    private final Lockstep lockstep;
    private final RunLimits limits;
    private final Map<AttemptKey, Plan> plans = new LinkedHashMap<>();
    private final List<ReturnAgain> returnsAgain = new ArrayList<>();
    private long nextCommandAtMs;
    /** When the event thread is free again: a slow listener keeps it busy after its delivery. */
    private long deliveryFreeAtMs;

    /** What the scheduler decided for one probe attempt: when it returns and with what, or never. */
    private record Plan(SimulatedRuntime runtime, long returnAtMs, Optional<Outcome> outcome, long latencyMs) {
        boolean hangs() {
            return outcome.isEmpty();
        }
    }

    /** A return the simulated executor will deliver a second time. */
    private record ReturnAgain(SimulatedRuntime runtime, PendingAttempt answered, Outcome outcome, long latencyMs, long atMs) {}

    /** Something that can happen next, at {@code atMs} (in the past after a pause: then it is overdue, and due now). */
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

    private record ProbeReturnsAgain(ReturnAgain again) implements Candidate {
        public long atMs() {
            return again.atMs();
        }
    }

    private record DeliveryDue(long atMs) implements Candidate {}

    private record CommandSlot(long atMs) implements Candidate {}

    private Simulation(Scenario scenario, RunLimits limits, EngineVariant variant, RecordedChoices choices, StoreKind store) {
        this.choices = choices;
        this.scenario = scenario;
        this.limits = limits;
        this.lockstep = new Lockstep(variant, limits, scenario.listeners(), store, scenario.engineLimits(), scenario.idCollisionPercent() == 0
                ? Optional.empty() : Optional.of(new Lockstep.IdCollisions(scenario.idCollisionPercent(), choices)));
    }

    /** Runs one simulation on the in-memory store, its scenario drawn from the choices, to its event budget or its first violation. */
    public static RunOutcome run(ScenarioParameters parameters, EngineVariant variant, RecordedChoices choices) {
        return run(parameters, variant, choices, StoreKind.MEMORY);
    }

    /** Runs one simulation on {@code store}, its scenario drawn from the choices, to its event budget or its first violation. */
    public static RunOutcome run(ScenarioParameters parameters, EngineVariant variant, RecordedChoices choices, StoreKind store) {
        Scenario scenario = parameters.draw(choices);
        return run(scenario, RunLimits.exhaustive(scenario.eventsMax()), variant, choices, store);
    }

    /** Runs a given scenario within {@code limits} on the in-memory store. */
    public static RunOutcome run(Scenario scenario, RunLimits limits, EngineVariant variant, RecordedChoices choices) {
        return run(scenario, limits, variant, choices, StoreKind.MEMORY);
    }

    /** Runs a given scenario within {@code limits} on {@code store}: the benchmark's day of 100 monitors. */
    public static RunOutcome run(Scenario scenario, RunLimits limits, EngineVariant variant, RecordedChoices choices, StoreKind store) {
        Simulation simulation = new Simulation(scenario, limits, variant, choices, store);
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
        while (going()) {
            planNewAttempts();
            List<Candidate> due = dueNext();
            Candidate chosen = due.size() == 1 ? due.getFirst() : due.get(choices.draw(due.size()));
            lockstep.clock().advanceTo(Math.max(chosen.atMs(), lockstep.clock().monotonicMs()));
            switch (chosen) {
                case TimerDue timerDue -> fireTimer(timerDue.timer());
                case ProbeReturns returns -> returnProbe(returns.key(), returns.plan());
                case ProbeReturnsAgain again -> returnAgain(again.again());
                case DeliveryDue delivery -> deliver();
                case CommandSlot slot -> {
                    runCommandSlot();
                    nextCommandAtMs = lockstep.clock().monotonicMs() + drawGap();
                }
            }
        }
    }

    private boolean going() {
        return lockstep.events() < limits.eventsMax() && lockstep.clock().monotonicMs() < limits.simulatedMsMax()
                && lockstep.violation().isEmpty();
    }

    /**
     * Every candidate due first, in a defined order: timers, probe returns, second returns, the
     * delivery, the command slot. Overdue candidates (after a pause) are all due now.
     */
    private List<Candidate> dueNext() {
        List<Candidate> all = new ArrayList<>();
        SimulatedRuntime runtime = lockstep.runtime();
        long nowMs = lockstep.clock().monotonicMs();
        if (runtime != null && lockstep.engineUp()) {
            // Only the earliest, or the overdue ones, can be next: the others would be filtered out below anyway.
            runtime.nextDue(nowMs).forEach(timer -> all.add(new TimerDue(timer)));
        }
        plans.forEach((key, plan) -> {
            if (!plan.hangs()) {
                all.add(new ProbeReturns(key, plan));
            }
        });
        returnsAgain.forEach(again -> all.add(new ProbeReturnsAgain(again)));
        if (lockstep.engineUp() && !lockstep.model().outbox().isEmpty()) {
            all.add(new DeliveryDue(Math.max(deliveryFreeAtMs, nowMs)));
        }
        all.add(new CommandSlot(Math.max(nextCommandAtMs, nowMs)));
        long earliest = all.stream().mapToLong(candidate -> Math.max(candidate.atMs(), nowMs)).min().orElseThrow();
        return all.stream().filter(candidate -> Math.max(candidate.atMs(), nowMs) == earliest).toList();
    }

    /**
     * Decides, once per attempt and in the order attempts started, what it will answer and when.
     * Plans of an engine that crashed or was replaced go with it.
     */
    private void planNewAttempts() {
        SimulatedRuntime runtime = lockstep.runtime();
        plans.values().removeIf(plan -> plan.runtime() != runtime);
        returnsAgain.removeIf(again -> again.runtime() != runtime);
        if (runtime == null) {
            return; // a crash took every attempt with it
        }
        for (PendingAttempt attempt : runtime.pendingAttempts()) {
            if (plans.containsKey(attempt.key())) {
                continue;
            }
            long timeoutMs = attempt.settings().timeoutMs();
            int kind = Gen.weighted(List.of(0, 1, 2, 3, 4, 5, 6), scenario.probes().weights()).generate(choices);
            Plan plan = switch (kind) {
                case 3 -> new Plan(runtime, Long.MAX_VALUE, Optional.empty(), 0);
                case 4 -> {
                    long latencyMs = timeoutMs + 1 + choices.draw((int) timeoutMs * 2);
                    yield new Plan(runtime, attempt.startedAtMs() + latencyMs, Optional.of(choices.chance(50) ? Outcome.DOWN : Outcome.UP),
                            latencyMs);
                }
                default -> {
                    Outcome outcome = switch (kind) {
                        case 0 -> Outcome.UP;
                        case 1 -> Outcome.DOWN;
                        case 2 -> Outcome.THROW;
                        case 5 -> Outcome.NULL;
                        default -> BUGGY.get(choices.draw(BUGGY.size()));
                    };
                    // Up to and including the timeout: a return at the very moment the attempt times out is a race worth having.
                    long latencyMs = choices.draw((int) timeoutMs + 1);
                    yield new Plan(runtime, attempt.startedAtMs() + latencyMs, Optional.of(outcome), latencyMs);
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

    /**
     * Fires a due timer; or, as often as the scenario says, hands its task to its thread and lets
     * a command run first, the race production has when a command holds the monitor's lane as the
     * timer fires. Cancelling the timer then comes too late to stop the task, which must do nothing.
     */
    private void fireTimer(SimulatedTimer timer) {
        SimulatedRuntime runtime = lockstep.runtime();
        // The race is two events (the command, then the late task): only when the budget has room for both.
        boolean room = lockstep.events() + 2 <= limits.eventsMax();
        if (!room || scenario.dispatchRacePercent() == 0 || !choices.chance(scenario.dispatchRacePercent())) {
            lockstep.fireTimer(timer);
            return;
        }
        ModelEvent event = lockstep.dispatch(timer);
        runCommandSlot();
        if (lockstep.runtime() == runtime && lockstep.engineUp() && lockstep.violation().isEmpty()
                && runtime.dispatched().stream().anyMatch(late -> late.timer().equals(timer))) {
            lockstep.runDispatched(timer, event);
        }
    }

    private void returnProbe(AttemptKey key, Plan plan) {
        plans.remove(key);
        Outcome outcome = plan.outcome().orElseThrow();
        Optional<PendingAttempt> attempt = plan.runtime().attempt(key);
        if (!lockstep.answer(key, outcome, plan.latencyMs()) || attempt.isEmpty() || outcome.kind() == Outcome.Kind.THROWN) {
            return;
        }
        if (scenario.returnTwicePercent() > 0 && choices.chance(scenario.returnTwicePercent())) {
            long laterMs = lockstep.clock().monotonicMs() + choices.draw((int) attempt.get().settings().timeoutMs() + 1);
            returnsAgain.add(new ReturnAgain(plan.runtime(), attempt.get(), outcome, plan.latencyMs(), laterMs));
        }
    }

    private void returnAgain(ReturnAgain again) {
        returnsAgain.remove(again);
        lockstep.answerAgain(again.runtime(), again.answered(), again.outcome(), again.latencyMs());
    }

    /** The event thread delivers the oldest event; a slow listener keeps it busy for a drawn while after. */
    private void deliver() {
        lockstep.apply(lockstep.clock().monotonicMs(), new ModelEvent.Deliver());
        deliveryFreeAtMs = lockstep.clock().monotonicMs() + choices.draw((int) scenario.listenerDelayMsMax() + 1);
    }

    private void runCommandSlot() {
        long now = lockstep.clock().monotonicMs();
        if (lockstep.engine() == null || (!lockstep.engineUp() && choices.chance(50))) {
            // A crashed engine restarts; a closed one sometimes meets a command first, which must fail.
            lockstep.apply(now, new ModelEvent.Restart());
            return;
        }
        int roll = choices.draw(100);
        int threshold = scenario.storeFailPercent();
        if (roll < threshold) {
            lockstep.armStoreFailure(FAILURE_POINTS.get(choices.draw(FAILURE_POINTS.size())));
            return;
        }
        if (roll < (threshold += scenario.crashPercent())) {
            lockstep.apply(now, new ModelEvent.Crash());
            return;
        }
        if (roll < (threshold += scenario.clockJumpPercent())) {
            // Back or forward by up to a day, as an NTP step or a resumed VM does.
            long deltaMs = (choices.draw(2) == 0 ? -1 : 1) * (1 + (long) choices.draw(86_400_000));
            lockstep.apply(now, new ModelEvent.ClockJump(deltaMs));
            return;
        }
        if (roll < (threshold += scenario.pausePercent())) {
            long pauseMs = 1 + choices.draw((int) PAUSE_MS_MAX);
            lockstep.apply(now + pauseMs, new ModelEvent.Pause(pauseMs));
            return;
        }
        if (roll < (threshold += scenario.closePercent())) {
            lockstep.apply(now, new ModelEvent.Close());
            return;
        }
        if (roll < threshold + scenario.foreignRecoverPercent()) {
            lockstep.apply(now, new ModelEvent.ForeignRecover());
            return;
        }
        // Drawn only where the scenario prunes at all: other seeds draw what they always drew.
        if (scenario.prunePercent() > 0 && choices.chance(scenario.prunePercent())) {
            lockstep.apply(now, drawPruning());
            return;
        }
        // Drawn only where the scenario lets the id source run out: other seeds draw what they always drew.
        if (scenario.idsRunOutPercent() > 0 && choices.chance(scenario.idsRunOutPercent())) {
            lockstep.apply(now, new ModelEvent.IdsRunOut());
            return;
        }
        lockstep.apply(now, drawCommand());
    }

    /**
     * A pruning as applications run it: keep the newest few records, or those of the last minutes
     * (the shortest age the engine accepts and up; a wall-clock step makes it cut deep or
     * nothing), or both.
     */
    private ModelEvent drawPruning() {
        int kind = choices.draw(3);
        long ageMsMax = kind == 0 ? 0 : HistoryRetention.AGE_MS_MIN * choices.between(1, 10);
        int recordsMax = kind == 1 ? 0 : choices.between(1, 5);
        return new ModelEvent.PruneHistory(ageMsMax, recordsMax);
    }

    /**
     * The next command and its target: most commands name a monitor that exists (an add, one that
     * does not), the rest one that does not (an add, one that does: a duplicate), so that both the
     * work and the refusals are exercised.
     */
    private ModelEvent drawCommand() {
        String command = Gen.weighted(COMMANDS, scenario.commands().weights()).generate(choices);
        List<String> present = lockstep.model().monitorIds().toJavaList();
        List<String> absent = scenario.monitors().stream().map(Scenario.MonitorPlan::id).filter(id -> !present.contains(id)).toList();
        boolean usual = choices.chance(EXISTING_TARGET_PERCENT);
        String monitorId = command.equals("add")
                ? pick(usual ? absent : present, usual ? present : absent)
                : pick(usual ? present : withUnknown(absent), withUnknown(absent));
        return switch (command) {
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
    }

    private static List<String> withUnknown(List<String> absent) {
        List<String> unknown = new ArrayList<>(absent);
        unknown.add(MonitorIds.unknown());
        return unknown;
    }

    /** One of {@code preferred}, or of {@code otherwise} when there is none. */
    private String pick(List<String> preferred, List<String> otherwise) {
        List<String> from = preferred.isEmpty() ? otherwise : preferred;
        return from.get(choices.draw(from.size()));
    }

    /** The settings an added monitor gets: its scenario's, so that add stays one choice; an unknown id gets the first monitor's. */
    private ModelSettings settingsOf(String monitorId) {
        return scenario.monitors().stream().filter(m -> m.id().equals(monitorId)).findFirst()
                .orElse(scenario.monitors().getFirst()).settings();
    }
}
