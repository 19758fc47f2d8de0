package dev.vigil.simulation.runtime;

import dev.vigil.engine.EngineClock;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.spi.AttemptKey;
import dev.vigil.engine.spi.EngineRuntime;
import dev.vigil.engine.spi.ListenerExecutor;
import dev.vigil.engine.spi.OperationIdSource;
import dev.vigil.engine.spi.ProbeExecutor;
import dev.vigil.engine.spi.TimerHandle;
import dev.vigil.engine.spi.TimerKind;
import dev.vigil.engine.spi.TimerService;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The runtime seam bound to one thread: a virtual clock, a timer queue ordered by (due time,
 * sequence), probe attempts that wait for the simulator to answer them, and operation ids drawn
 * from a seeded generator, and event deliveries that wait until the simulator runs them (the
 * event thread of production, whose pace the scheduler decides). Nothing here reads the wall
 * clock or starts a thread, so one seed gives one run. One instance serves one engine
 * incarnation; a crash discards it with all its timers, attempts and undelivered events, while
 * the {@link VirtualClock} and the id generator carry on.
 */
public final class SimulatedRuntime implements EngineRuntime {
    private final VirtualClock clock;
    private final IdGenerator ids;
    /**
     * Sorted by (due time, sequence), both of which make a timer unique: the due ones are a prefix,
     * read without scanning the queue, and a cancel removes in log time.
     */
    private final TreeSet<SimulatedTimer> timers = new TreeSet<>();
    private final Map<AttemptKey, PendingAttempt> attempts = new LinkedHashMap<>();
    private final List<String> callbackFailures = new ArrayList<>();
    private final java.util.ArrayDeque<Runnable> deliveries = new java.util.ArrayDeque<>();
    private final Map<SimulatedTimer, Dispatched> dispatched = new LinkedHashMap<>();
    /** What {@link #pendingTimersDigest} reads; null if the runtime was built without a timer digest. */
    private final PendingTimerDigests timerDigests;
    private long sequence;
    private boolean closed;

    /**
     * Seeded operation ids as UUIDs; remembers the order of issue, which the model numbers by.
     * With {@link #collide} it is a source that repeats itself as a user's runtime may: some
     * candidates are null, blank, or the id of an operation still live, which the engine must
     * refuse and ask again; only fresh ids are numbered, one per operation begun.
     */
    public static final class IdGenerator implements OperationIdSource {
        /** Refused candidates in a row at most: one fewer than the engine tries before it gives up, so it never does. */
        static final int REFUSED_IN_A_ROW_MAX = dev.vigil.engine.spi.OperationIdSource.CANDIDATES_PER_OPERATION_MAX - 1;

        private static final List<String> RUN_OUT_CANDIDATES = java.util.Arrays.asList(null, "", " \t");

        private final SplittableRandom random;
        private final List<String> issued = new ArrayList<>();
        private final Map<String, Integer> numbers = new java.util.HashMap<>();
        private CollidingIds colliding;
        private int refusedInARow;
        /** Refused candidates still to give before a fresh id: the source ran out for one check (R18). */
        private int runningOut;

        public IdGenerator(long seed) {
            this.random = new SplittableRandom(seed);
        }

        /**
         * How a repeating source decides: {@code percent} of candidates collide, each drawn from
         * {@code choices}; {@code live} lists the ids the engine has live now (empty while it opens).
         */
        public record CollidingIds(int percent, dev.vigil.simulation.choice.ChoiceSource choices,
                java.util.function.Supplier<List<String>> live) {
            public CollidingIds {
                if (percent < 1 || percent > 100) {
                    throw new IllegalArgumentException("percent = " + percent + " must be within 1 … 100");
                }
            }

            /** A candidate the engine must refuse: null, empty, blank, or a live id (blank when none is live). */
            String candidate() {
                int kind = choices.draw(4);
                List<String> liveIds = kind == 3 ? live.get() : List.of();
                return switch (kind) {
                    case 0 -> null;
                    case 1 -> "";
                    case 2 -> " \t";
                    default -> liveIds.isEmpty() ? " " : liveIds.get(choices.draw(liveIds.size()));
                };
            }
        }

        /** From now on some candidates collide, as {@code value} decides. */
        public void collide(CollidingIds value) {
            this.colliding = java.util.Objects.requireNonNull(value, "value");
        }

        /**
         * The next check's every candidate is refused: as many {@code null}, empty and blank ones as
         * the engine asks for, so that it gives the check up (R18). Draws nothing.
         */
        public void runOutAtNextOperation() {
            runningOut = dev.vigil.engine.spi.OperationIdSource.CANDIDATES_PER_OPERATION_MAX;
        }

        @Override
        public String nextId() {
            if (runningOut > 0) {
                runningOut--;
                refusedInARow = 0;
                return RUN_OUT_CANDIDATES.get(runningOut % RUN_OUT_CANDIDATES.size());
            }
            if (colliding != null && refusedInARow < REFUSED_IN_A_ROW_MAX && colliding.choices().chance(colliding.percent())) {
                refusedInARow++;
                return colliding.candidate();
            }
            refusedInARow = 0;
            long most = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
            long least = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
            String id = new UUID(most, least).toString();
            issued.add(id);
            if (numbers.putIfAbsent(id, issued.size()) != null) {
                throw new IllegalStateException("the seeded id generator repeated " + id);
            }
            return id;
        }

        /** Ids in the order they were issued. */
        public List<String> issued() {
            return List.copyOf(issued);
        }

        /**
         * Digests an id it issued by its number ({@link #digestOfNumber}), so that the model,
         * which numbers operations in the same order, can sum the engine's registry digest
         * ({@link dev.vigil.engine.spi.EngineDiagnostics#liveOperationsDigest}) itself; an id it
         * never issued by its characters, as the default does.
         */
        @Override
        public long digestOf(String id) {
            Integer number = numbers.get(id);
            return number == null ? dev.vigil.engine.spi.LiveOperation.digestOfCharacters(id) : digestOfNumber(number);
        }

        /** The digest of the id issued with {@code number}, computed from the number alone. */
        public static long digestOfNumber(int number) {
            return dev.vigil.model.ViewDigest.start(5).add(number).value();
        }

        /** The 1-based issue number of {@code id}, or 0 (no operation's number) if it was never issued: never throws. */
        public int numberIfIssued(String id) {
            Integer number = numbers.get(id);
            return number == null ? 0 : number;
        }

        /** The 1-based issue number of {@code id}, as the model numbers operations. */
        public int numberOf(String id) {
            Integer number = numbers.get(id);
            if (number == null) {
                throw new IllegalStateException("operation id " + id + " was never issued by this simulation");
            }
            return number;
        }
    }

    public SimulatedRuntime(VirtualClock clock, IdGenerator ids) {
        this(clock, ids, null);
    }

    /**
     * A runtime that keeps a digest of its pending timers as they come and go, read with
     * {@link #pendingTimersDigest}.
     *
     * @param digestOfTimer the digest of one timer; the digest of several is the sum of theirs
     */
    public SimulatedRuntime(VirtualClock clock, IdGenerator ids, java.util.function.ToLongFunction<SimulatedTimer> digestOfTimer) {
        this.clock = clock;
        this.ids = ids;
        this.timerDigests = digestOfTimer == null ? null : new PendingTimerDigests(digestOfTimer);
    }

    /**
     * The sum of the digests of {@link #pendingTimers(Collection) pendingTimers(monitorIds)}
     * (every pending timer when null), kept up to date as timers are queued, cancelled,
     * dispatched and run, so reading it costs nothing per timer.
     *
     * @throws IllegalStateException if this runtime was built without a timer digest
     */
    public long pendingTimersDigest(Collection<String> monitorIds) {
        if (timerDigests == null) {
            throw new IllegalStateException("this runtime keeps no timer digest: build it with one");
        }
        return timerDigests.of(monitorIds);
    }

    private void timerAdded(SimulatedTimer timer) {
        if (timerDigests != null) {
            timerDigests.added(timer);
        }
    }

    private void timerRemoved(SimulatedTimer timer) {
        if (timerDigests != null) {
            timerDigests.removed(timer);
        }
    }

    private void timersCleared() {
        if (timerDigests != null) {
            timerDigests.cleared();
        }
    }

    @Override
    public EngineClock clock() {
        return clock;
    }

    @Override
    public TimerService timers() {
        return this::schedule;
    }

    @Override
    public ProbeExecutor probes() {
        return this::startAttempt;
    }

    @Override
    public OperationIdSource operationIds() {
        return ids;
    }

    @Override
    public ListenerExecutor listeners() {
        return deliveries::add;
    }

    /**
     * A graceful close, as the production runtime's: timers stop, attempts are abandoned, and the
     * events already queued are still delivered (their listeners' commands now meet a closed
     * engine). Probe returns the simulator still makes reach the closed engine's callbacks.
     */
    @Override
    public void close(long waitMs) {
        closed = true;
        timers.clear();
        dispatched.clear();
        timersCleared();
        deliverAll();
    }

    /** The process dies: timers, attempts and undelivered events are lost with it. */
    public void kill() {
        closed = true;
        timers.clear();
        dispatched.clear();
        timersCleared();
        attempts.clear();
        deliveries.clear();
    }

    /** Event deliveries queued and not yet run. */
    public int pendingDeliveries() {
        return deliveries.size();
    }

    /**
     * Runs the oldest queued delivery on this thread, as the event thread would; an exception that
     * escapes it is recorded like a timer's ({@link #drainCallbackFailures}).
     *
     * @return false if none was queued
     */
    public boolean deliverNext() {
        Runnable delivery = deliveries.pollFirst();
        if (delivery == null) {
            return false;
        }
        try {
            delivery.run();
        } catch (RuntimeException | Error failure) {
            callbackFailures.add("an event delivery threw " + failure);
        }
        return true;
    }

    /** Runs queued deliveries, and those they queue in turn, until none is left. */
    public void deliverAll() {
        while (deliverNext()) {
            // each delivery may queue more: a listener's command commits and publishes
        }
    }

    private TimerHandle schedule(TimerKind kind, String monitorId, String operationId, long delayMs, Runnable task) {
        if (delayMs < 0) {
            throw new IllegalArgumentException("delayMs = " + delayMs + " must be >= 0");
        }
        if (closed) {
            return () -> false;
        }
        SimulatedTimer timer = new SimulatedTimer(clock.monotonicMs() + delayMs, sequence++, kind, monitorId, operationId, task);
        timers.add(timer);
        timerAdded(timer);
        return () -> {
            if (timers.remove(timer)) {
                timerRemoved(timer);
                return true;
            }
            // Already handed to its thread (production's timer tasks wait for the lane on their own
            // threads): the cancel comes too late to stop the task, as a ScheduledFuture's would.
            Dispatched late = dispatched.get(timer);
            if (late != null) {
                if (!late.cancelled()) {
                    timerRemoved(timer); // a cancelled dispatched timer no longer counts as pending
                }
                dispatched.put(timer, new Dispatched(timer, true));
            }
            return false;
        };
    }

    /**
     * A timer whose task was handed to its thread and has not run yet; {@code cancelled} when a
     * command cancelled it meanwhile (the task still runs, and must do nothing).
     */
    public record Dispatched(SimulatedTimer timer, boolean cancelled) {}

    /**
     * Takes a due timer off the queue as production's timer thread does, without running its task
     * yet: a command may run first (it holds the monitor's lane), and cancelling the timer then
     * no longer stops the task. Run it with {@link #runDispatched}.
     */
    public void dispatch(SimulatedTimer timer) {
        if (!timers.remove(timer)) {
            throw new IllegalStateException("timer " + timer.describe() + " is not pending");
        }
        dispatched.put(timer, new Dispatched(timer, false));
    }

    /** The dispatched timers whose tasks have not run, in dispatch order. */
    public List<Dispatched> dispatched() {
        return List.copyOf(dispatched.values());
    }

    /** Runs a dispatched timer's task on this thread; what escapes it is recorded as for {@link #fire}. */
    public void runDispatched(SimulatedTimer timer) {
        Dispatched ran = dispatched.remove(timer);
        if (ran == null) {
            throw new IllegalStateException("timer " + timer.describe() + " was not dispatched");
        }
        if (!ran.cancelled()) {
            timerRemoved(timer);
        }
        run(timer);
    }

    private CompletableFuture<ProbeResult> startAttempt(AttemptKey key, MonitorSettings settings) {
        AttemptFuture future = new AttemptFuture(callbackFailures::add);
        if (!closed) {
            attempts.put(key, new PendingAttempt(key, settings, clock.monotonicMs(), sequence++, future));
        }
        return future;
    }

    /** Pending timers in queue order. */
    public List<SimulatedTimer> pendingTimers() {
        return pendingTimers(null);
    }

    /**
     * Pending timers of {@code monitorIds} (all when null), in queue order: those queued, and those
     * dispatched whose task has not run and that nobody cancelled (they will still act).
     */
    public List<SimulatedTimer> pendingTimers(Collection<String> monitorIds) {
        List<SimulatedTimer> sorted = new ArrayList<>();
        for (SimulatedTimer timer : timers) {
            if (monitorIds == null || monitorIds.contains(timer.monitorId())) {
                sorted.add(timer);
            }
        }
        for (Dispatched late : dispatched.values()) {
            if (!late.cancelled() && (monitorIds == null || monitorIds.contains(late.timer().monitorId()))) {
                sorted.add(late.timer());
            }
        }
        sorted.sort(null);
        return sorted;
    }

    /** The pending timers due first (all due at the same time), in queue order. */
    public List<SimulatedTimer> earliestTimers() {
        if (timers.isEmpty()) {
            return List.of();
        }
        return dueBy(timers.first().dueAtMs());
    }

    /** The queued timers due at or before {@code limitMs}, in queue order: a prefix of the sorted queue. */
    private List<SimulatedTimer> dueBy(long limitMs) {
        List<SimulatedTimer> due = new ArrayList<>();
        for (SimulatedTimer timer : timers) {
            if (timer.dueAtMs() > limitMs) {
                break;
            }
            due.add(timer);
        }
        return due;
    }

    /**
     * The queued timers due first, and with them every one overdue at {@code nowMs} (after a pause
     * several are, and they may fire in any order), in queue order.
     */
    public List<SimulatedTimer> nextDue(long nowMs) {
        if (timers.isEmpty()) {
            return List.of();
        }
        // Due at the first one's time or overdue: no timer is due before the first one.
        return dueBy(Math.max(timers.first().dueAtMs(), nowMs));
    }

    /** The earliest pending timer, if any. */
    public Optional<SimulatedTimer> nextTimer() {
        return timers.isEmpty() ? Optional.empty() : Optional.of(timers.first());
    }

    /**
     * Fires {@code timer}: removes it and runs its task on this thread. The caller advances the
     * clock to its due time first.
     */
    public void fire(SimulatedTimer timer) {
        if (!timers.remove(timer)) {
            throw new IllegalStateException("timer " + timer.describe() + " is not pending");
        }
        timerRemoved(timer);
        run(timer);
    }

    private void run(SimulatedTimer timer) {
        // Late is possible (after a pause), early never.
        if (clock.monotonicMs() < timer.dueAtMs()) {
            throw new IllegalStateException("timer " + timer.describe() + " fired early, at " + clock.monotonicMs() + " ms");
        }
        try {
            timer.task().run();
        } catch (RuntimeException | Error failure) {
            // As the production runtime does (it logs and carries on): the engine lives on with
            // whatever the exception left behind, which is what the harness must then judge.
            callbackFailures.add(timer.describe() + " threw " + failure);
        }
    }

    /**
     * Exceptions that escaped the engine's timer callbacks since the last call, each described;
     * the engine must never let one escape.
     */
    public List<String> drainCallbackFailures() {
        List<String> drained = List.copyOf(callbackFailures);
        callbackFailures.clear();
        return drained;
    }

    /** Attempts started and not yet answered, abandoned ones included, in the order they started. */
    public List<PendingAttempt> pendingAttempts() {
        return List.copyOf(attempts.values());
    }

    public Optional<PendingAttempt> attempt(AttemptKey key) {
        return Optional.ofNullable(attempts.get(key));
    }

    /**
     * Answers an attempt (a {@code null} result too, as a buggy probe returns): the engine's
     * callback runs on this thread before this returns.
     *
     * @return the attempt answered
     */
    public PendingAttempt complete(AttemptKey key, ProbeResult result) {
        PendingAttempt attempt = take(key);
        attempt.future().complete(result);
        return attempt;
    }

    /** Answers an attempt with an exception, as a probe that threw; returns the attempt answered. */
    public PendingAttempt fail(AttemptKey key, Throwable error) {
        PendingAttempt attempt = take(key);
        attempt.future().completeExceptionally(error);
        return attempt;
    }

    /**
     * Calls the engine's callbacks of an attempt that already returned, a second time, as a buggy
     * custom probe executor would; the engine must ignore it.
     */
    public void returnAgain(PendingAttempt answered, ProbeResult result) {
        ((AttemptFuture) answered.future()).returnAgain(result);
    }

    /** Forgets an attempt without answering it (its probe hangs forever). */
    public void forget(AttemptKey key) {
        take(key);
    }

    private PendingAttempt take(AttemptKey key) {
        PendingAttempt attempt = attempts.remove(key);
        if (attempt == null) {
            throw new IllegalStateException("no pending attempt " + key);
        }
        return attempt;
    }
}
