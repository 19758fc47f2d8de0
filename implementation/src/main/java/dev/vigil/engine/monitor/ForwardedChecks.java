package dev.vigil.engine.monitor;

import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.check.CheckWaiters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The callers of a checkNow made on a node that does not own the monitor (SPEC §6, N6): each
 * waits for the first result applied to the monitor after its request, by whichever node, which
 * this node sees as a new {@code lastCheckedAt} when it polls. Bounded like {@link CheckWaiters}:
 * at most {@value CheckWaiters#PER_MONITOR_MAX} callers per monitor; one more fails at once.
 *
 * <p>A request can be lost: an owner that counted it may lose its lease before its check is
 * applied, and the next owner sees no new request. So callers that waited longer than an owner
 * needs (a renewal period to learn, a takeover, a whole check) ask again.
 */
final class ForwardedChecks {
    /** A caller: the monitor's last result time when it asked, and when it (last) asked, on this node's monotonic clock. */
    private record Waiter(OptionalLong lastCheckedAtMs, long askedAtMs, CompletableFuture<CheckRecord> future) {}

    private final Map<String, List<Waiter>> waiting = new HashMap<>();

    synchronized CompletionStage<CheckRecord> await(String monitorId, OptionalLong lastCheckedAtMs, long askedAtMs) {
        List<Waiter> list = waiting.computeIfAbsent(monitorId, id -> new ArrayList<>());
        if (list.size() >= CheckWaiters.PER_MONITOR_MAX) {
            return CompletableFuture.failedFuture(new IllegalStateException(CheckWaiters.PER_MONITOR_MAX
                    + " callers already wait for a check of monitor " + monitorId));
        }
        CompletableFuture<CheckRecord> future = new CompletableFuture<>();
        list.add(new Waiter(lastCheckedAtMs, askedAtMs, future));
        return future;
    }

    /** Whether a caller waits for a result newer than the one of {@code lastCheckedAtMs}. */
    synchronized boolean waiting(String monitorId, OptionalLong lastCheckedAtMs) {
        List<Waiter> list = waiting.get(monitorId);
        return list != null && list.stream().anyMatch(waiter -> !waiter.lastCheckedAtMs().equals(lastCheckedAtMs));
    }

    /** Completes every caller that asked before {@code record} was applied. */
    void complete(String monitorId, CheckRecord record) {
        List<Waiter> ready = new ArrayList<>();
        synchronized (this) {
            List<Waiter> list = waiting.get(monitorId);
            if (list == null) {
                return;
            }
            OptionalLong appliedAt = OptionalLong.of(record.atMs());
            list.removeIf(waiter -> !waiter.lastCheckedAtMs().equals(appliedAt) && ready.add(waiter));
            if (list.isEmpty()) {
                waiting.remove(monitorId);
            }
        }
        ready.forEach(waiter -> waiter.future().complete(record));
    }

    synchronized Detached detach(String monitorId) {
        List<Waiter> list = waiting.remove(monitorId);
        return new Detached(list == null ? List.of() : list);
    }

    /** The monitors whose callers wait, ascending. */
    synchronized List<String> monitorIds() {
        return waiting.keySet().stream().sorted().toList();
    }

    /** Whether a caller of the monitor asked at or before {@code askedByMs} and still waits. */
    synchronized boolean overdue(String monitorId, long askedByMs) {
        List<Waiter> list = waiting.get(monitorId);
        return list != null && list.stream().anyMatch(waiter -> waiter.askedAtMs() <= askedByMs);
    }

    /** Every caller of the monitor asked again at {@code askedAtMs}. */
    synchronized void askedAgain(String monitorId, long askedAtMs) {
        List<Waiter> list = waiting.get(monitorId);
        if (list != null) {
            list.replaceAll(waiter -> new Waiter(waiter.lastCheckedAtMs(), askedAtMs, waiter.future()));
        }
    }

    synchronized Detached detachAll() {
        List<Waiter> all = new ArrayList<>();
        waiting.values().forEach(all::addAll);
        waiting.clear();
        return new Detached(all);
    }

    /** Callers taken out, to be failed outside any lock. */
    record Detached(List<Waiter> waiters) {
        void failWith(Supplier<? extends RuntimeException> failure) {
            waiters.forEach(waiter -> waiter.future().completeExceptionally(failure.get()));
        }
    }
}
