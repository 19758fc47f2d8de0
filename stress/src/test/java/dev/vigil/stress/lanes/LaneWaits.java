package dev.vigil.stress.lanes;

import dev.vigil.engine.lane.MonitorLanes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A deadlock detector for monitor lanes, fed by the callbacks themselves. The JDK's own
 * ({@code ThreadMXBean.findDeadlockedThreads}) does not look at virtual threads, and the engine's
 * probe and event threads are virtual, so a lane deadlock is invisible to it.
 *
 * <p>Every command a callback issues is registered here while it runs: the thread, the lanes of
 * the watched monitors it holds at that moment (asked of the engine's {@link MonitorLanes}), and
 * the monitor the command is for. A deadlock is a cycle of such waits, each thread holding the
 * lane the next one's command needs, with every thread of the cycle parked entering a lane: its
 * stack shows {@code MonitorLanes.call} blocked in {@code ReentrantLock.lock}. A lane cannot be
 * taken from its holder, so such a cycle never resolves: the detector needs no timing.
 *
 * <p>It also counts the direct fact: whether each callback ran with a lane held.
 */
final class LaneWaits {
    /**
     * A command in progress, issued by a callback.
     *
     * @param thread the thread running it
     * @param held   the watched monitors whose lanes that thread held when it issued the command
     * @param wanted the monitor the command is for: its lane is the first thing the command takes
     */
    record Wait(Thread thread, Set<String> held, String wanted) {
        @Override
        public String toString() {
            return thread.getName() + "#" + thread.threadId() + " holds " + held + ", waits for " + wanted;
        }
    }

    private final List<String> monitorIds;
    private final ConcurrentHashMap<Thread, Wait> waits = new ConcurrentHashMap<>();
    private final AtomicInteger callbacksInLane = new AtomicInteger();
    private final AtomicInteger callbacksOutsideLanes = new AtomicInteger();
    private volatile MonitorLanes lanes;

    LaneWaits(String... monitorIds) {
        this.monitorIds = List.of(monitorIds);
    }

    /** The engine's lanes, from its {@code CheckerContext}: set while the engine is composed. */
    void watch(MonitorLanes engineLanes) {
        this.lanes = Objects.requireNonNull(engineLanes, "engineLanes");
    }

    /** Records whether the calling callback runs with any monitor lane held. */
    void noteCallback() {
        if (lanes().anyHeldByCurrentThread()) {
            callbacksInLane.incrementAndGet();
        } else {
            callbacksOutsideLanes.incrementAndGet();
        }
    }

    /** Runs a callback's command on {@code wanted}, registered as a wait while it runs. */
    void call(String wanted, Runnable command) {
        Thread self = Thread.currentThread();
        Set<String> held = monitorIds.stream().filter(lanes()::isHeldByCurrentThread).collect(Collectors.toUnmodifiableSet());
        waits.put(self, new Wait(self, held, wanted));
        try {
            command.run();
        } finally {
            waits.remove(self);
        }
    }

    int callbacksInLane() {
        return callbacksInLane.get();
    }

    int callbacksOutsideLanes() {
        return callbacksOutsideLanes.get();
    }

    /** The commands in progress now. */
    List<Wait> inProgress() {
        return List.copyOf(waits.values());
    }

    /** A cycle of waits whose threads are all parked entering a lane, if there is one now. */
    Optional<List<Wait>> deadlock() {
        List<Wait> now = inProgress();
        for (Wait start : now) {
            List<Wait> path = new ArrayList<>();
            Wait current = start;
            while (current != null && !path.contains(current)) {
                path.add(current);
                current = holderOf(now, current.wanted());
            }
            if (current == start && path.stream().allMatch(wait -> parkedEnteringLane(wait.thread()))) {
                return Optional.of(List.copyOf(path));
            }
        }
        return Optional.empty();
    }

    private static Wait holderOf(List<Wait> waits, String monitorId) {
        return waits.stream().filter(wait -> wait.held().contains(monitorId)).findFirst().orElse(null);
    }

    /**
     * Whether {@code thread} is parked in {@code ReentrantLock.lock} called by
     * {@code MonitorLanes.call}: every frame above the lane's is the JDK's locking machinery.
     */
    static boolean parkedEnteringLane(Thread thread) {
        if (thread.getState() != Thread.State.WAITING) {
            return false;
        }
        StackTraceElement[] stack = thread.getStackTrace();
        boolean inLock = false;
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().equals(MonitorLanes.class.getName())) {
                return inLock && frame.getMethodName().equals("call");
            }
            if (!frame.getClassName().startsWith("java.") && !frame.getClassName().startsWith("jdk.")) {
                return false; // parked somewhere else: in a store, a latch, a sleep
            }
            inLock |= frame.getClassName().equals("java.util.concurrent.locks.ReentrantLock") && frame.getMethodName().equals("lock");
        }
        return false;
    }

    private MonitorLanes lanes() {
        MonitorLanes watched = lanes;
        if (watched == null) {
            throw new IllegalStateException("no lanes watched: compose the engine with watch(context.lanes()) first");
        }
        return watched;
    }
}
