package dev.vigil.simulation.lockstep;

import dev.vigil.engine.assembly.EngineAssembly;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.StoreException;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.spi.AttemptKey;
import dev.vigil.engine.store.MonitorRepository;
import dev.vigil.engine.spi.LiveOperation;
import dev.vigil.model.CommandResult;
import dev.vigil.model.EngineLimits;
import dev.vigil.model.ListenerSpec;
import dev.vigil.model.Model;
import dev.vigil.model.ModelEvent;
import dev.vigil.model.ModelState;
import dev.vigil.model.MonitorView;
import dev.vigil.model.Observation;
import dev.vigil.model.Outcome;
import dev.vigil.model.Step;
import dev.vigil.simulation.choice.ChoiceSource;
import dev.vigil.simulation.runtime.PendingAttempt;
import dev.vigil.simulation.runtime.SimulatedRuntime;
import dev.vigil.simulation.runtime.SimulatedTimer;
import dev.vigil.simulation.runtime.VirtualClock;
import dev.vigil.simulation.scenario.Scenario;
import dev.vigil.simulation.store.SimulatedStore;
import dev.vigil.simulation.store.StoreKind;
import dev.vigil.simulation.variant.EngineVariant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The real engine and the reference model side by side: every event goes to both, and after it
 * the engine's observable state, read back through its API and the store, must equal the model's
 * (SPEC §5), every command (a listener's too) must return what the model says it returns, and
 * the invariants must hold. The first difference is kept as the run's {@link Violation}.
 * Schedulers (random runs, exhaustive exploration) decide which event comes next; this class
 * applies each event to both sides, and hands the rest to its parts: {@link ViewComparison}
 * compares, {@link TraceRecorder} keeps the timeline and the trace hash, {@link Coverage} counts
 * what was exercised, {@link EngineObserver} reads the engine and {@link TimerEvents} maps its
 * timers to model events.
 */
public final class Lockstep implements AutoCloseable {
    /** The operation-id seed: ids are labels the model never sees, so any fixed seed will do. */
    public static final long ID_SEED = 0x5eed_1d5L;

    private final EngineVariant variant;
    private final RunLimits limits;
    private final List<ListenerSpec> listeners;
    private final EngineLimits engineLimits;
    private final VirtualClock clock = new VirtualClock();
    private final SimulatedRuntime.IdGenerator ids = new SimulatedRuntime.IdGenerator(ID_SEED);
    private final EngineObserver observer = new EngineObserver(ids);
    private final CheckNowStages stages = new CheckNowStages(ids::numberOf);
    private final TimerEvents timers = new TimerEvents(ids, this::attemptOf);
    private final Coverage coverage = new Coverage();
    private final TraceRecorder trace = new TraceRecorder();
    private final ViewComparison comparison;
    private final SimulatedStore store;
    private final MonitorRepository repository;
    /** What the engine's commands returned during the current step: its own first, then its listeners'. */
    private final List<CommandResult> engineResults = new ArrayList<>();
    private SimulatedRuntime runtime;
    private VigilEngine engine;
    private boolean engineClosed;
    private ModelState model;
    private Violation violation;

    /** Opens the store and the first engine incarnation, with no listeners of its own. */
    public Lockstep(EngineVariant variant, RunLimits limits) {
        this(variant, limits, List.of());
    }

    /** Opens the in-memory store and the first engine incarnation, with these listeners registered on every incarnation. */
    public Lockstep(EngineVariant variant, RunLimits limits, List<ListenerSpec> listeners) {
        this(variant, limits, listeners, StoreKind.MEMORY);
    }

    /** As the full constructor, on a store of kind {@code storeKind}, with the simulation's engine limits and no colliding ids. */
    public Lockstep(EngineVariant variant, RunLimits limits, List<ListenerSpec> listeners, StoreKind storeKind) {
        this(variant, limits, listeners, storeKind, EngineLimits.SIMULATION, Optional.empty());
    }

    /**
     * Opens a store of kind {@code storeKind} ({@link #storeFor} the variant) and the first engine
     * incarnation, with these listeners registered on every incarnation, every incarnation
     * configured with {@code engineLimits} (the model is told the same), and, if
     * {@code idCollisions} is present, an operation-id source that repeats itself
     * ({@link SimulatedRuntime.IdGenerator#collide}) drawing from those choices.
     *
     * @param idCollisions the percent of candidates that collide, and where their draws come from
     */
    public Lockstep(EngineVariant variant, RunLimits limits, List<ListenerSpec> listeners, StoreKind storeKind, EngineLimits engineLimits,
            Optional<IdCollisions> idCollisions) {
        this.variant = variant;
        this.limits = limits;
        this.listeners = List.copyOf(listeners);
        this.engineLimits = engineLimits;
        this.model = ModelState.initial().withListeners(this.listeners).withEngineLimits(engineLimits)
                .withOperationDigest(EngineDigest::operation);
        this.comparison = new ViewComparison(limits, observer, ids);
        idCollisions.ifPresent(collisions -> ids.collide(new SimulatedRuntime.IdGenerator.CollidingIds(collisions.percent(),
                collisions.choices(), this::liveOperationIds)));
        this.store = new SimulatedStore(storeFor(variant, storeKind));
        this.repository = store.repository();
        startEngine();
    }

    /** The store {@code variant} runs on when {@code asked} is asked for: SQLite for a variant that writes SQL. */
    public static StoreKind storeFor(EngineVariant variant, StoreKind asked) {
        return variant.needsSqlite() ? StoreKind.SQLITE : asked;
    }

    /** Colliding operation ids: {@code percent} of candidates, drawn from {@code choices}. */
    public record IdCollisions(int percent, ChoiceSource choices) {}

    /** The ids the open engine has live, which a colliding candidate may repeat; none while an engine opens or is down. */
    private List<String> liveOperationIds() {
        return engineUp() ? engine.diagnostics().liveOperations().stream().map(LiveOperation::id).toList() : List.of();
    }

    public VirtualClock clock() {
        return clock;
    }

    public ModelState model() {
        return model;
    }

    /** The engine's runtime, or null while crashed; after a close, the closed engine's runtime (its probes may still return). */
    public SimulatedRuntime runtime() {
        return runtime;
    }

    /** The engine, or null while crashed; after a close, the closed engine (its commands fail). */
    public VigilEngine engine() {
        return engine;
    }

    /** Whether the engine is up: neither crashed nor closed. */
    public boolean engineUp() {
        return engine != null && !engineClosed;
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
        return trace.size();
    }

    public List<TimelineEntry> timeline() {
        return trace.entries();
    }

    public Coverage coverage() {
        return coverage;
    }

    /**
     * Applies a model event, whatever its origin, to both sides at {@code atMs}: a command through
     * the engine's API, a timer fired from the engine's queue, a probe answered, a delivery run.
     * Used by schedulers that pick model events (exhaustive exploration, and random runs for
     * everything but timers and probes).
     *
     * @return whether the run may go on
     */
    public boolean apply(long atMs, ModelEvent event) {
        clock.advanceTo(atMs);
        if (event.isCommand()) {
            String monitorId = event.commandTarget().getOrElse("");
            return step("command", monitorId, event, () -> command(event));
        }
        return switch (event) {
            case ModelEvent.Tick tick -> fire(event);
            case ModelEvent.AttemptTimedOut timedOut -> fire(event);
            case ModelEvent.RetryDue retry -> fire(event);
            case ModelEvent.Deadline deadline -> fire(event);
            case ModelEvent.AttemptCompleted completed -> answer(completed);
            case ModelEvent.StoreFails storeFails -> step("fault", "", event, () -> store.failNextTransaction(SimulatedStore.FailurePoint.COMMIT));
            case ModelEvent.Crash crash -> step("fault", "", event, this::crash);
            case ModelEvent.Restart restart -> step("fault", "", event, this::restart);
            case ModelEvent.Close close -> step("fault", "", event, this::closeEngine);
            case ModelEvent.IdsRunOut runOut -> step("fault", "", event, ids::runOutAtNextOperation);
            case ModelEvent.ForeignRecover foreign -> step("fault", "", event, store::recoverAsAnotherEngine);
            case ModelEvent.ClockJump jump -> step("fault", "", event, () -> clock.jumpWallClock(jump.deltaMs()));
            case ModelEvent.Pause pause -> step("fault", "", event, () -> {
                // The caller moved the clock past the pause; nothing ran meanwhile.
            });
            case ModelEvent.Deliver deliver -> step("deliver", model.outbox().headOption().flatMap(Observation::monitorTouched).getOrElse(""),
                    event, this::deliverOne);
            case ModelEvent.StaleTimer stale -> throw new IllegalArgumentException("a stale timer is run with runDispatched, not applied");
            default -> throw new IllegalStateException("unhandled event " + event.describe());
        };
    }

    /** Fires an engine timer that is due (or overdue, after a pause): the model steps the timer's event. */
    public boolean fireTimer(SimulatedTimer timer) {
        return step("timer", timer.monitorId(), timerEvent(timer), () -> runtime.fire(timer));
    }

    /**
     * Hands a due timer's task to its thread without running it (see {@link SimulatedRuntime#dispatch}).
     *
     * @return the model event the timer stands for, as it was when dispatched: its attempt may be gone when the task runs
     */
    public ModelEvent dispatch(SimulatedTimer timer) {
        ModelEvent event = timerEvent(timer);
        runtime.dispatch(timer);
        return event;
    }

    /**
     * Runs the task of a timer dispatched earlier: the timer's event if the model still has that
     * timer pending, else a {@link ModelEvent.StaleTimer}, which must change nothing.
     *
     * @param event what {@link #dispatch} returned for it
     */
    public boolean runDispatched(SimulatedTimer timer, ModelEvent event) {
        boolean stillPending = model.pendingTimers().exists(pending -> pending.event().equals(event) && pending.dueAtMs() == timer.dueAtMs());
        ModelEvent stepped = stillPending ? event
                : new ModelEvent.StaleTimer(TimerEvents.modelKind(timer.kind()), timer.monitorId(), timers.operationOf(timer));
        return step("timer", timer.monitorId(), stepped, () -> runtime.runDispatched(timer));
    }

    /** Answers a probe attempt the engine has out with {@code outcome} after {@code latencyMs}. */
    public boolean answer(AttemptKey key, Outcome outcome, long latencyMs) {
        ModelEvent event = new ModelEvent.AttemptCompleted(ids.numberOf(key.operationId()), key.attempt(), outcome, latencyMs);
        return step("probe", key.monitorId(), event, () -> ProbeAnswers.answer(runtime, key, outcome, latencyMs));
    }

    /**
     * Calls the engine's callbacks of an attempt that already returned a second time (a buggy
     * probe executor): the model sees the same return again, which changes nothing.
     */
    public boolean answerAgain(SimulatedRuntime owner, PendingAttempt answered, Outcome outcome, long latencyMs) {
        AttemptKey key = answered.key();
        ModelEvent event = new ModelEvent.AttemptCompleted(ids.numberOf(key.operationId()), key.attempt(), outcome, latencyMs);
        return step("probe", key.monitorId(), event, () -> owner.returnAgain(answered, ProbeAnswers.result(outcome, latencyMs)));
    }

    /** Arms a store failure at {@code point}: the model only knows that the next transaction fails. */
    public boolean armStoreFailure(SimulatedStore.FailurePoint point) {
        return step("fault", "", new ModelEvent.StoreFails(), () -> store.failNextTransaction(point));
    }

    private ModelEvent timerEvent(SimulatedTimer timer) {
        return timers.eventOf(timer);
    }

    /** The attempt an attempt timer belongs to: the operation's latest started attempt. */
    private int attemptOf(String operationId) {
        return runtime.pendingAttempts().stream()
                .filter(attempt -> attempt.key().operationId().equals(operationId))
                .mapToInt(attempt -> attempt.key().attempt())
                .max()
                .orElseThrow(() -> new IllegalStateException("an attempt timer of " + operationId + " fired with no attempt out"));
    }

    /** A command on the engine, or, while it is crashed, the failure a caller meets: there is no engine to call. */
    private void command(ModelEvent event) {
        engineResults.add(engine == null ? new CommandResult.Failed(CommandResult.Failure.DOWN)
                : EngineCommands.call(engine, event, observer::snapshot, stages::returned));
    }

    /** Fires the engine's timer that matches the model's; a missing one is itself a difference. */
    private boolean fire(ModelEvent event) {
        Optional<SimulatedTimer> timer = !engineUp() ? Optional.empty()
                : runtime.pendingTimers().stream().filter(t -> t.dueAtMs() <= clock.monotonicMs()).filter(t -> timers.isTimerOf(t, event)).findFirst();
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
            ProbeAnswers.answer(runtime, attempt, completed.outcome(), completed.latencyMs());
        });
    }

    /**
     * Runs the engine's event deliveries until one compared event reached the listeners (the
     * diagnostics before it go along: no listener reacts to them); the model delivers one.
     */
    private void deliverOne() {
        int before = observer.eventCount();
        while (observer.eventCount() == before && runtime != null && runtime.deliverNext()) {
            // a diagnostic (CheckDiscarded) was delivered: go on to the compared event
        }
    }

    void startEngine() {
        SimulatedRuntime fresh = new SimulatedRuntime(clock, ids, EngineDigest::timer);
        VigilEngine[] incarnation = new VigilEngine[1];
        VigilEngine.Builder builder = EngineAssembly.builder(repository, variant.checkerFactory(store))
                .runtime(fresh)
                .listener(observer::onEvent)
                // By default the floor, and any timeout in range: checks that outlast their
                // interval are what exercise tick skipping (SPEC R4). The model has the same limits.
                .intervalMsMin(engineLimits.intervalMsMin())
                .timeoutOverIntervalAllowed(engineLimits.timeoutOverIntervalAllowed())
                .closeWaitMs(0)
                // The model has no nodes and no database clock; the lease would add a transaction
                // (shifting which one an armed store failure strikes) and a timer with no model
                // event. The guard is simulated on its own: SingleWriterGuardSimulationTest.
                .singleWriterGuard(false);
        for (ListenerSpec spec : listeners) {
            builder.listener(new ReactingListener(spec, observer, () -> incarnation[0], engineResults::add, stages::returned));
        }
        try {
            incarnation[0] = builder.build();
        } catch (RuntimeException failedToOpen) {
            fresh.deliverAll(); // what it published before failing (StoreFailed) still reaches its listeners
            throw failedToOpen;
        }
        runtime = fresh;
        engine = incarnation[0];
        engineClosed = false;
    }

    /** R13: a new engine opens the store; a failed open is what its caller meets. */
    private void restart() {
        try {
            startEngine();
            engineResults.add(new CommandResult.Done());
        } catch (StoreException failedToOpen) {
            engineResults.add(new CommandResult.Failed(CommandResult.Failure.STORE));
        }
    }

    /** The process dies: the engine and everything in flight are gone, undelivered events too; the store stays. */
    void crash() {
        runtime.kill();
        runtime = null;
        engine = null;
        engineClosed = false;
    }

    /** The application closes the engine: it delivers what it committed and refuses every later command. */
    private void closeEngine() {
        if (engineUp()) {
            engine.close();
            engineClosed = true;
        }
        engineResults.add(new CommandResult.Done());
    }

    /** The run's outcome so far: its timeline, coverage, trace hash and violation. */
    public RunOutcome outcome(Scenario scenario, List<Integer> choices) {
        return new RunOutcome(scenario, choices, trace.size(), clock.monotonicMs(), trace.hash(model),
                Optional.ofNullable(violation), trace.entries(), coverage);
    }

    @Override
    public void close() {
        if (runtime != null) {
            runtime.kill();
        }
        store.close();
    }

    // ------------------------------------------------------------------ lockstep

    /** What a step does to the engine; what it returns goes to {@link #engineResults}. */
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
        int index = trace.size();
        ModelState before = model;
        String statusBefore = before.monitorView(monitorId, 0).map(MonitorView::status).map(Enum::name).orElse("NONE");
        Step step = Model.step(model, clock.monotonicMs(), event);
        model = step.next();
        stages.stepped(event, step);
        engineResults.clear();
        try {
            action.run();
            if (!model.deliversSeparately() && runtime != null) {
                runtime.deliverAll(); // no listener reacts: delivering at once is one of the schedules production allows
            }
        } catch (RuntimeException unexpected) {
            record(index, kind, monitorId, event, statusBefore, before, step);
            violation = new Violation(index, event.describe(), "engine-threw", List.of(
                    "engine threw " + unexpected + " on " + event.describe(), stackTop(unexpected)));
            return false;
        }
        record(index, kind, monitorId, event, statusBefore, before, step);
        Optional<Violation> difference;
        try {
            difference = comparison.compare(index, monitorId, event, before, model, step, engineResults, runtime, repository, engine,
                    engineUp());
        } catch (RuntimeException unreadable) {
            // E.g. an operation id the source never issued as fresh: the engine took a candidate it must refuse.
            difference = Optional.of(new Violation(index, event.describe(), "lockstep", List.of(
                    "the engine's state could not be read back: " + unreadable, stackTop(unreadable))));
        }
        if (difference.isEmpty()) {
            boolean allDelivered = model.outbox().isEmpty() && (runtime == null || runtime.pendingDeliveries() == 0);
            List<String> stageProblems = stages.problems(allDelivered, model.outbox());
            if (!stageProblems.isEmpty()) {
                difference = Optional.of(new Violation(index, event.describe(), "lockstep", stageProblems));
            }
        }
        difference.ifPresent(found -> violation = found);
        return difference.isEmpty();
    }

    private void record(int index, String kind, String monitorId, ModelEvent event, String statusBefore, ModelState before, Step step) {
        trace.record(index, clock.monotonicMs(), kind, monitorId, event, before, model, step);
        coverage.countStep(statusBefore, event, step);
    }

    private static String stackTop(Throwable thrown) {
        StackTraceElement[] trace = thrown.getStackTrace();
        return trace.length == 0 ? "(no stack)" : "at " + trace[0];
    }
}
