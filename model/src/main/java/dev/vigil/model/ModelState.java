package dev.vigil.model;

import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Comparator;
import java.util.Objects;

/**
 * The model's whole state: the store (monitors' persisted fields), the engine's memory (registry,
 * timers, waiting requests), the virtual time and the log of compared events. Immutable; value
 * equality. Timers are not stored on their own: each is derived from the monitor or operation it
 * belongs to, so an operation that leaves the registry takes its timers with it (SEMANTICS).
 */
public final class ModelState {

    private static final Comparator<Timer> TIMER_ORDER = Comparator.comparingLong(Timer::dueAtMs)
            .thenComparing(Timer::kind)
            .thenComparing(Timer::monitorId)
            .thenComparingInt(Timer::operation);

    /** No pause has happened: {@link #lastPauseEndMs()} before any time. */
    static final long NO_PAUSE = Long.MIN_VALUE;

    private final long nowMs;
    private final boolean crashed;
    private final boolean closed;
    private final boolean storeFailArmed;
    /** The runtime's id source refuses every candidate of the next operation (R18); one-shot, as {@link #storeFailArmed}. */
    private final boolean idsRunOutArmed;
    private final int lastOperation;
    private final SortedMap<String, Monitor> monitors;
    private final SortedMap<Integer, Operation> registry;
    private final Vector<Observation> emitted;
    private final Vector<Observation> outbox;
    private final List<ListenerSpec> listeners;
    private final long wallOffsetMs;
    private final long lastPauseEndMs;
    /** The settings this engine refuses on top of every engine's bounds; fixed for a run. */
    private final EngineLimits engineLimits;
    /** Ticks this engine incarnation skipped because its monitor's check was still ACTIVE (R4); a restart starts from 0. */
    private final long skippedTicks;
    /** Sums over {@link #registry}, kept as operations are put and removed; derived, so not part of equality. */
    private final RegistryDigests digests;
    /** How many monitors have {@link Monitor#hangSinceMs()}: kept as monitors are put, so that a step with none skips the I8 bookkeeping. Derived. */
    private final int hangingMonitors;

    private ModelState(long nowMs, boolean crashed, boolean closed, boolean storeFailArmed, boolean idsRunOutArmed, int lastOperation,
               SortedMap<String, Monitor> monitors, SortedMap<Integer, Operation> registry,
               Vector<Observation> emitted, Vector<Observation> outbox, List<ListenerSpec> listeners, long wallOffsetMs,
               long lastPauseEndMs, EngineLimits engineLimits, long skippedTicks, RegistryDigests digests, int hangingMonitors) {
        this.nowMs = nowMs;
        this.crashed = crashed;
        this.closed = closed;
        this.storeFailArmed = storeFailArmed;
        this.idsRunOutArmed = idsRunOutArmed;
        this.lastOperation = lastOperation;
        this.monitors = Objects.requireNonNull(monitors);
        this.registry = Objects.requireNonNull(registry);
        this.emitted = Objects.requireNonNull(emitted);
        this.outbox = Objects.requireNonNull(outbox);
        this.listeners = Objects.requireNonNull(listeners);
        this.wallOffsetMs = wallOffsetMs;
        this.lastPauseEndMs = lastPauseEndMs;
        this.engineLimits = Objects.requireNonNull(engineLimits);
        this.skippedTicks = skippedTicks;
        this.digests = digests;
        this.hangingMonitors = hangingMonitors;
    }

    /**
     * The digests of the registry this state keeps: {@code function}'s sum over its operations
     * (none kept without a function), the sum of {@link ViewDigest#ofAttempt} over the attempts
     * in flight, and the sum of {@link ViewDigest#ofTimer} over the operations' timers, in all
     * and per monitor. Put and remove change them by one term each, so reading them costs
     * nothing per operation.
     */
    private record RegistryDigests(OperationDigest function, long registry, long inFlight, long timers,
            io.vavr.collection.HashMap<String, Long> timersByMonitor) {
        static final RegistryDigests NONE = new RegistryDigests(null, 0, 0, 0, io.vavr.collection.HashMap.empty());

        /** The digests of every operation of {@code registry}, summed afresh. */
        static RegistryDigests of(OperationDigest function, SortedMap<Integer, Operation> registry) {
            RegistryDigests sums = new RegistryDigests(function, 0, 0, 0, io.vavr.collection.HashMap.empty());
            for (Tuple2<Integer, Operation> entry : registry) {
                sums = sums.plus(entry._2);
            }
            return sums;
        }

        RegistryDigests plus(Operation op) {
            long timersOfOp = timersTerm(op);
            return new RegistryDigests(function, registry + registryTerm(op), inFlight + inFlightTerm(op), timers + timersOfOp,
                    timersByMonitor.put(op.monitorId(), timersOf(op.monitorId()) + timersOfOp));
        }

        RegistryDigests minus(Operation op) {
            long timersOfOp = timersTerm(op);
            return new RegistryDigests(function, registry - registryTerm(op), inFlight - inFlightTerm(op), timers - timersOfOp,
                    timersByMonitor.put(op.monitorId(), timersOf(op.monitorId()) - timersOfOp));
        }

        /** The sum over the timers of {@code monitorId}'s operations. */
        long timersOf(String monitorId) {
            return timersByMonitor.get(monitorId).getOrElse(0L);
        }

        /** The digests of the operation's timers, as {@link ModelState#timersOf} lists them. */
        private static long timersTerm(Operation op) {
            long sum = ViewDigest.ofTimer(TimerKind.DEADLINE, op.monitorId(), op.deadlineAtMs());
            if (op.inFlight().isDefined()) {
                sum += ViewDigest.ofTimer(TimerKind.ATTEMPT_TIMEOUT, op.monitorId(), op.inFlight().get().timeoutAtMs());
            }
            if (op.backoff().isDefined()) {
                sum += ViewDigest.ofTimer(TimerKind.RETRY, op.monitorId(), op.backoff().get().dueAtMs());
            }
            return sum;
        }

        private long registryTerm(Operation op) {
            return function == null ? 0 : function.of(op.number(), op.state());
        }

        private static long inFlightTerm(Operation op) {
            return op.inFlight().isEmpty() ? 0 : ViewDigest.ofAttempt(op.monitorId(), op.number(), op.inFlight().get().number());
        }
    }

    /**
     * @return this state keeping the sum of {@code function} over its registry's operations,
     *         read with {@link #registryDigest()}: a digest of {@link #registryView()} in the
     *         terms its reader compares it in (the simulator's: the engine's digest of each id)
     */
    public ModelState withOperationDigest(OperationDigest function) {
        return new ModelState(nowMs, crashed, closed, storeFailArmed, idsRunOutArmed, lastOperation, monitors, registry, emitted, outbox, listeners,
                wallOffsetMs, lastPauseEndMs, engineLimits, skippedTicks, RegistryDigests.of(Objects.requireNonNull(function), registry), hangingMonitors);
    }

    /** @return time 0, no monitors, nothing running, the engine up, no reacting listeners */
    public static ModelState initial() {
        return new ModelState(0, false, false, false, false, 0, TreeMap.empty(), TreeMap.empty(), Vector.empty(), Vector.empty(),
                List.empty(), 0, NO_PAUSE, EngineLimits.SIMULATION, 0, RegistryDigests.NONE, 0);
    }

    /**
     * @return this state with these listeners registered (in this order, after the simulator's own
     *         observer). With none, every event is delivered as soon as it is committed; with some,
     *         delivery is an event of its own ({@link ModelEvent.Deliver}) and events wait in the outbox.
     */
    public ModelState withListeners(java.util.List<ListenerSpec> value) {
        return copy(nowMs, crashed, closed, storeFailArmed, lastOperation, monitors, registry, emitted, outbox, List.ofAll(value),
                wallOffsetMs, lastPauseEndMs);
    }

    private ModelState copy(long nowMs, boolean crashed, boolean closed, boolean storeFailArmed, int lastOperation,
            SortedMap<String, Monitor> monitors, SortedMap<Integer, Operation> registry, Vector<Observation> emitted,
            Vector<Observation> outbox, List<ListenerSpec> listeners, long wallOffsetMs, long lastPauseEndMs) {
        return new ModelState(nowMs, crashed, closed, storeFailArmed, idsRunOutArmed, lastOperation, monitors, registry, emitted, outbox, listeners,
                wallOffsetMs, lastPauseEndMs, engineLimits, skippedTicks, digests, hangingMonitors);
    }

    /** @return this state with an engine configured with {@code value} (the default is {@link EngineLimits#SIMULATION}) */
    public ModelState withEngineLimits(EngineLimits value) {
        return new ModelState(nowMs, crashed, closed, storeFailArmed, idsRunOutArmed, lastOperation, monitors, registry, emitted, outbox, listeners,
                wallOffsetMs, lastPauseEndMs, Objects.requireNonNull(value), skippedTicks, digests, hangingMonitors);
    }

    /** @return the limits of the engine's configuration */
    public EngineLimits engineLimits() {
        return engineLimits;
    }

    /**
     * @return the ticks the current (or last) engine incarnation skipped because its monitor's
     *         check was still ACTIVE (R4), as its diagnostics count them; a restart starts from 0
     */
    public long skippedTicks() {
        return skippedTicks;
    }

    ModelState withSkippedTicks(long value) {
        return new ModelState(nowMs, crashed, closed, storeFailArmed, idsRunOutArmed, lastOperation, monitors, registry, emitted, outbox, listeners,
                wallOffsetMs, lastPauseEndMs, engineLimits, value, digests, hangingMonitors);
    }

    /**
     * @return how far the wall clock is from the monotonic one ({@link ModelEvent.ClockJump}s add
     *         up here); history records carry wall time, {@code nowMs + wallOffsetMs}
     */
    public long wallOffsetMs() {
        return wallOffsetMs;
    }

    /** @return the wall time now: the label a record applied now carries */
    public long wallNowMs() {
        return nowMs + wallOffsetMs;
    }

    ModelState withWallOffsetMs(long value) {
        return copy(nowMs, crashed, closed, storeFailArmed, lastOperation, monitors, registry, emitted, outbox, listeners, value,
                lastPauseEndMs);
    }

    /** @return when the last {@link ModelEvent.Pause} ended; timers due by then may fire late at that time */
    public long lastPauseEndMs() {
        return lastPauseEndMs;
    }

    ModelState withLastPauseEndMs(long value) {
        return copy(nowMs, crashed, closed, storeFailArmed, lastOperation, monitors, registry, emitted, outbox, listeners, wallOffsetMs,
                value);
    }

    /** @return the reacting listeners, in registration order */
    public List<ListenerSpec> listeners() {
        return listeners;
    }

    /**
     * The monitor of a live operation, from its attempt out or its timers.
     *
     * @return that monitor, or {@link EventReach.NoMonitor} if the operation has neither (it is over)
     */
    public EventReach monitorOfOperation(int operation) {
        // Every operation in the registry has at least its deadline timer, and its attempt and
        // timers all name its monitor: a direct look-up, where the loops below build and sort
        // every monitor's timers. Only an operation the registry lacks needs them (a tick's 0).
        Option<Operation> live = registry.get(operation);
        if (live.isDefined()) {
            return new EventReach.OneMonitor(live.get().monitorId());
        }
        for (InFlightAttempt attempt : inFlight()) {
            if (attempt.operation() == operation) {
                return new EventReach.OneMonitor(attempt.monitorId());
            }
        }
        for (Timer timer : pendingTimers()) {
            if (timer.operation() == operation) {
                return new EventReach.OneMonitor(timer.monitorId());
            }
        }
        return new EventReach.NoMonitor();
    }

    /** @return whether events wait for a {@link ModelEvent.Deliver} (some listener reacts) or are delivered at once */
    public boolean deliversSeparately() {
        return !listeners.isEmpty();
    }

    /** @return the compared events committed and not yet delivered, oldest first */
    public Vector<Observation> outbox() {
        return outbox;
    }

    ModelState withOutbox(Vector<Observation> value) {
        return copy(nowMs, crashed, closed, storeFailArmed, lastOperation, monitors, registry, emitted, value, listeners, wallOffsetMs,
                lastPauseEndMs);
    }

    /** @return every compared event committed so far, delivered or not, in commit order (a crash loses the undelivered) */
    public Vector<Observation> committed() {
        return outbox.isEmpty() ? emitted : emitted.appendAll(outbox);
    }

    /** @return true after a graceful {@link ModelEvent.Close}, until a restart (the engine is down, as after a crash) */
    public boolean closed() {
        return closed;
    }

    /** @return the virtual time of the last step */
    public long nowMs() {
        return nowMs;
    }

    /** @return true between a crash and a successful restart */
    public boolean crashed() {
        return crashed;
    }

    /** @return true if {@code storeFails} armed a failure that no transaction has consumed yet */
    public boolean storeFailArmed() {
        return storeFailArmed;
    }

    /** @return true if {@code idsRunOut} armed an exhausted id source that no operation has met yet (R18) */
    public boolean idsRunOutArmed() {
        return idsRunOutArmed;
    }

    /** @return the number of the last operation issued; the next one gets this plus one */
    public int lastOperation() {
        return lastOperation;
    }

    /** @return the ids of the monitors in the store, ascending */
    public List<String> monitorIds() {
        return monitors.keySet().toList();
    }

    /** @return the settings of a monitor, if it exists */
    public Option<ModelSettings> settings(String monitorId) {
        return monitors.get(monitorId).map(Monitor::settings);
    }

    /** @return every compared event delivered so far, in order */
    public Vector<Observation> emitted() {
        return emitted;
    }

    /** @return every pending timer, by due time, then kind, monitor and operation */
    public List<Timer> pendingTimers() {
        List<Timer> ticks = monitorsInOrder().toList().flatMap(m ->
                m.tickDueMs().map(due -> new Timer(TimerKind.TICK, m.id(), 0, 0, due)));
        List<Timer> operationTimers = operations().toList().flatMap(ModelState::timersOf);
        return ticks.appendAll(operationTimers).sorted(TIMER_ORDER);
    }

    /** @return the due time of the first pending timer, if any */
    public Option<Long> nextTimerDue() {
        return pendingTimers().headOption().map(Timer::dueAtMs);
    }

    /** @return the attempts whose probes are out, by operation number */
    public List<InFlightAttempt> inFlight() {
        List<InFlightAttempt> reversed = List.empty();
        for (Operation op : operations()) {
            if (op.inFlight().isDefined()) {
                Operation.Attempt a = op.inFlight().get();
                reversed = reversed.prepend(new InFlightAttempt(op.number(), a.number(), op.monitorId(), a.startedAtMs()));
            }
        }
        return reversed.reverse();
    }

    /** @return the observable view of SPEC §5 */
    public ObservableView view() {
        java.util.List<MonitorView> monitorViews = monitors.values().map(m -> m.view(m.history().size())).toJavaList();
        return new ObservableView(monitorViews, registry.mapValues(Operation::state).toJavaMap(),
                pendingTimers().map(Timer::view).toJavaList(), emitted.toJavaList(), outbox.toJavaList(), crashed);
    }

    /**
     * One monitor's observable part with only its last {@code historyTailMax} history entries:
     * what a long simulation compares after every event, where the whole view would cost more
     * than the engine step it checks.
     */
    public java.util.Optional<MonitorView> monitorView(String id, int historyTailMax) {
        if (historyTailMax < 0) {
            throw new IllegalArgumentException("historyTailMax = " + historyTailMax + " must be >= 0");
        }
        return monitors.get(id).map(m -> m.view(historyTailMax)).toJavaOptional();
    }

    /** The number of history records of monitor {@code id}, 0 if it does not exist. */
    public int historySize(String id) {
        return monitors.get(id).map(m -> m.history().size()).getOrElse(0);
    }

    /** The registry's operations by number with their states, as {@link ObservableView#registry()} has them. */
    public java.util.Map<Integer, OperationState> registryView() {
        // Straight into a Java map in number order: mapValues would build a second tree first.
        java.util.Map<Integer, OperationState> view = new java.util.LinkedHashMap<>();
        for (Operation op : operations()) {
            view.put(op.number(), op.state());
        }
        return view;
    }

    /**
     * What happened to the registry between {@code earlier} and this state: the operations this
     * one has and {@code earlier} lacks (started), and those {@code earlier} has and this one
     * lacks (ended) with the state they had, both by number. One walk over both registries in
     * number order, without building either as a map.
     */
    public RegistryChanges registryChangesSince(ModelState earlier) {
        java.util.List<Integer> started = new java.util.ArrayList<>();
        java.util.SortedMap<Integer, OperationState> ended = new java.util.TreeMap<>();
        if (earlier.registry != registry) {
            io.vavr.collection.Iterator<Operation> was = earlier.operations();
            io.vavr.collection.Iterator<Operation> is = operations();
            Operation a = was.hasNext() ? was.next() : null;
            Operation b = is.hasNext() ? is.next() : null;
            while (a != null || b != null) {
                if (b == null || (a != null && a.number() < b.number())) {
                    ended.put(a.number(), a.state());
                    a = was.hasNext() ? was.next() : null;
                } else if (a == null || b.number() < a.number()) {
                    started.add(b.number());
                    b = is.hasNext() ? is.next() : null;
                } else {
                    a = was.hasNext() ? was.next() : null;
                    b = is.hasNext() ? is.next() : null;
                }
            }
        }
        return new RegistryChanges(started, ended);
    }

    /**
     * How the registry changed over a step.
     *
     * @param started the numbers of the operations that entered it, ascending
     * @param ended   the operations that left it, by number, with the state they had
     */
    public record RegistryChanges(java.util.List<Integer> started, java.util.SortedMap<Integer, OperationState> ended) {
        /** Copies both. */
        public RegistryChanges {
            started = java.util.List.copyOf(started);
            ended = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(ended));
        }
    }

    /** The pending timers as {@link ObservableView#timers()} has them. */
    public java.util.List<TimerView> timerViews() {
        return pendingTimers().map(Timer::view).toJavaList();
    }

    /**
     * The pending timers of {@code monitorIds} only, in the order of {@link #timerViews()}: what a
     * focused comparison needs, without building and sorting every monitor's timers.
     */
    public java.util.List<TimerView> timerViews(java.util.Collection<String> monitorIds) {
        List<Timer> ticks = List.ofAll(monitorIds).flatMap(id -> monitor(id).toList())
                .flatMap(m -> m.tickDueMs().map(due -> new Timer(TimerKind.TICK, m.id(), 0, 0, due)));
        List<Timer> operationTimers = operations().toList().filter(op -> monitorIds.contains(op.monitorId()))
                .flatMap(ModelState::timersOf);
        return ticks.appendAll(operationTimers).sorted(TIMER_ORDER).map(Timer::view).toJavaList();
    }

    /**
     * The {@link ViewDigest} of {@link #monitorView monitorView(id, historyTailMax)}:
     * {@link ViewDigest#ABSENT} if there is no such monitor.
     */
    public long monitorDigest(String id, int historyTailMax) {
        if (historyTailMax < 0) {
            throw new IllegalArgumentException("historyTailMax = " + historyTailMax + " must be >= 0");
        }
        Option<Monitor> monitor = monitors.get(id);
        return monitor.isEmpty() ? ViewDigest.ABSENT : monitor.get().digest(historyTailMax);
    }

    /** The sum of every monitor's {@link #monitorDigest} with its whole history: the monitors of {@link #view()}. */
    public long allMonitorsDigest() {
        long sum = 0;
        for (Monitor monitor : monitorsInOrder()) {
            sum += monitor.digest(Integer.MAX_VALUE);
        }
        return sum;
    }

    /**
     * A digest of {@link #registryView()}: the sum of the {@link #withOperationDigest operation
     * digest} over its operations, kept as they come and go.
     *
     * @throws IllegalStateException if no operation digest was given
     */
    public long registryDigest() {
        if (digests.function() == null) {
            throw new IllegalStateException("this state keeps no registry digest: give it one with withOperationDigest");
        }
        return digests.registry();
    }

    /** The digest of one operation of the registry, a term of {@link #registryDigest}. */
    @FunctionalInterface
    public interface OperationDigest {
        /** @return the digest of operation {@code number} in {@code state} */
        long of(int number, OperationState state);
    }

    /**
     * The {@link ViewDigest} of {@link #timerViews(java.util.Collection) timerViews(monitorIds)}
     * ({@link #timerViews()} when {@code monitorIds} is null): the sum of its timers' digests.
     * The ids must be distinct (a set), as the view's filter counts each operation once.
     */
    public long timersDigest(java.util.Collection<String> monitorIds) {
        long sum = 0;
        if (monitorIds == null) {
            for (Monitor monitor : monitorsInOrder()) {
                sum += tickDigest(monitor);
            }
        } else {
            for (String id : monitorIds) {
                Option<Monitor> monitor = monitors.get(id);
                sum += monitor.isEmpty() ? 0 : tickDigest(monitor.get());
            }
        }
        // The operations' timers: summed as operations are put and removed, in all and per monitor.
        if (monitorIds == null) {
            sum += digests.timers();
        } else {
            for (String id : monitorIds) {
                sum += digests.timersOf(id);
            }
        }
        return sum;
    }

    /**
     * The {@link ViewDigest} of the attempts {@link #inFlight()}: the sum of
     * {@link ViewDigest#ofAttempt} over them.
     */
    public long inFlightDigest() {
        return digests.inFlight();
    }

    /** The registry's operations in number order; {@code registry.values()} would build a lazy sequence first. */
    private io.vavr.collection.Iterator<Operation> operations() {
        return registry.iterator().map(entry -> entry._2);
    }

    /** The monitors in id order, without the lazy sequence of {@code monitors.values()}. */
    private io.vavr.collection.Iterator<Monitor> monitorsInOrder() {
        return monitors.iterator().map(entry -> entry._2);
    }

    private static long tickDigest(Monitor monitor) {
        return monitor.tickDueMs().isEmpty() ? 0 : ViewDigest.ofTimer(TimerKind.TICK, monitor.id(), monitor.tickDueMs().get());
    }

    private static List<Timer> timersOf(Operation op) {
        List<Timer> attempt = op.inFlight().toList().map(a ->
                new Timer(TimerKind.ATTEMPT_TIMEOUT, op.monitorId(), op.number(), a.number(), a.timeoutAtMs()));
        List<Timer> retry = op.backoff().toList().map(r ->
                new Timer(TimerKind.RETRY, op.monitorId(), op.number(), 0, r.dueAtMs()));
        Timer deadline = new Timer(TimerKind.DEADLINE, op.monitorId(), op.number(), 0, op.deadlineAtMs());
        return attempt.appendAll(retry).append(deadline);
    }

    // --- package-private reads and withers: the model's building blocks -------------------------

    SortedMap<String, Monitor> monitors() {
        return monitors;
    }

    SortedMap<Integer, Operation> registry() {
        return registry;
    }

    Option<Monitor> monitor(String id) {
        return monitors.get(id);
    }

    Option<Operation> operation(int number) {
        return registry.get(number);
    }

    /** I3 keeps this at most one. */
    Option<Operation> operationOf(String monitorId) {
        return operations().find(op -> op.monitorId().equals(monitorId));
    }

    ModelState at(long value) {
        return copy(value, crashed, closed, storeFailArmed, lastOperation, monitors, registry, emitted, outbox, listeners, wallOffsetMs, lastPauseEndMs);
    }

    ModelState withClosed(boolean value) {
        return copy(nowMs, crashed, value, storeFailArmed, lastOperation, monitors, registry, emitted, outbox, listeners, wallOffsetMs, lastPauseEndMs);
    }

    ModelState withCrashed(boolean value) {
        return copy(nowMs, value, closed, storeFailArmed, lastOperation, monitors, registry, emitted, outbox, listeners, wallOffsetMs, lastPauseEndMs);
    }

    ModelState withStoreFailArmed(boolean value) {
        return copy(nowMs, crashed, closed, value, lastOperation, monitors, registry, emitted, outbox, listeners, wallOffsetMs, lastPauseEndMs);
    }

    ModelState withIdsRunOutArmed(boolean value) {
        return new ModelState(nowMs, crashed, closed, storeFailArmed, value, lastOperation, monitors, registry, emitted, outbox, listeners,
                wallOffsetMs, lastPauseEndMs, engineLimits, skippedTicks, digests, hangingMonitors);
    }

    ModelState withLastOperation(int value) {
        return copy(nowMs, crashed, closed, storeFailArmed, value, monitors, registry, emitted, outbox, listeners, wallOffsetMs, lastPauseEndMs);
    }

    ModelState withMonitors(SortedMap<String, Monitor> value) {
        int hanging = 0;
        for (Tuple2<String, Monitor> entry : value) {
            hanging += entry._2.hangSinceMs().isDefined() ? 1 : 0;
        }
        return withMonitors(value, hanging);
    }

    private ModelState withMonitors(SortedMap<String, Monitor> value, int hanging) {
        return new ModelState(nowMs, crashed, closed, storeFailArmed, idsRunOutArmed, lastOperation, value, registry, emitted, outbox, listeners,
                wallOffsetMs, lastPauseEndMs, engineLimits, skippedTicks, digests, hanging);
    }

    /** Whether any monitor has I8 bookkeeping running ({@link Monitor#hangSinceMs()}). */
    boolean anyHanging() {
        return hangingMonitors > 0;
    }

    ModelState withRegistry(SortedMap<Integer, Operation> value) {
        return withRegistry(value, RegistryDigests.of(digests.function(), value));
    }

    private ModelState withRegistry(SortedMap<Integer, Operation> value, RegistryDigests sums) {
        return new ModelState(nowMs, crashed, closed, storeFailArmed, idsRunOutArmed, lastOperation, monitors, value, emitted, outbox, listeners,
                wallOffsetMs, lastPauseEndMs, engineLimits, skippedTicks, sums, hangingMonitors);
    }

    ModelState withEmitted(Vector<Observation> value) {
        return copy(nowMs, crashed, closed, storeFailArmed, lastOperation, monitors, registry, value, outbox, listeners, wallOffsetMs, lastPauseEndMs);
    }

    ModelState put(Monitor monitor) {
        Option<Monitor> replaced = monitors.get(monitor.id());
        int hanging = hangingMonitors - (replaced.exists(m -> m.hangSinceMs().isDefined()) ? 1 : 0)
                + (monitor.hangSinceMs().isDefined() ? 1 : 0);
        return withMonitors(monitors.put(monitor.id(), monitor), hanging);
    }

    ModelState put(Operation operation) {
        Option<Operation> replaced = registry.get(operation.number());
        RegistryDigests sums = replaced.isEmpty() ? digests : digests.minus(replaced.get());
        return withRegistry(registry.put(operation.number(), operation), sums.plus(operation));
    }

    ModelState removeOperation(int number) {
        Option<Operation> removed = registry.get(number);
        return removed.isEmpty() ? this : withRegistry(registry.remove(number), digests.minus(removed.get()));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ModelState s
                && nowMs == s.nowMs && crashed == s.crashed && closed == s.closed && storeFailArmed == s.storeFailArmed
                && idsRunOutArmed == s.idsRunOutArmed
                && lastOperation == s.lastOperation && monitors.equals(s.monitors)
                && registry.equals(s.registry) && emitted.equals(s.emitted) && outbox.equals(s.outbox)
                && listeners.equals(s.listeners) && wallOffsetMs == s.wallOffsetMs && lastPauseEndMs == s.lastPauseEndMs
                && engineLimits.equals(s.engineLimits) && skippedTicks == s.skippedTicks;
    }

    @Override
    public int hashCode() {
        return Objects.hash(nowMs, crashed, closed, storeFailArmed, lastOperation, monitors, registry, emitted, outbox);
    }

    @Override
    public String toString() {
        return "ModelState{now=" + nowMs + (crashed ? (closed ? ", CLOSED" : ", CRASHED") : "") + (storeFailArmed ? ", storeFailArmed" : "") + (idsRunOutArmed ? ", idsRunOutArmed" : "")
                + ", lastOperation=" + lastOperation + ", monitors=" + monitors.values().toList()
                + ", registry=" + registry.values().toList() + "}";
    }
}
