package dev.vigil.model;

import io.vavr.collection.List;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * A monitor as the model keeps it. The first six fields are persisted (they survive a crash);
 * the last three live in the engine's memory only and a crash clears them.
 *
 * @param activeOperations persisted ids of live operations; at most one (I3), may hold a stale id (I4)
 * @param waitingManual    the waiting check request (R4), its value says whether it is manual
 * @param tickDueMs        when the TICK timer fires; present exactly while monitoring and not crashed
 * @param hangSinceMs      I8 bookkeeping: the start of the first timed-out attempt of the current hang
 */
record Monitor(
        String id,
        ModelSettings settings,
        boolean monitoring,
        Status status,
        List<Integer> activeOperations,
        Vector<HistoryRecord> history,
        Option<Boolean> waitingManual,
        Option<Long> tickDueMs,
        Option<Long> hangSinceMs) {

    /** R1: stored paused, never checked, owning nothing. */
    static Monitor added(String id, ModelSettings settings) {
        return new Monitor(id, settings, false, Status.PAUSED, List.empty(), Vector.empty(),
                Option.none(), Option.none(), Option.none());
    }

    Monitor withSettings(ModelSettings value) {
        return new Monitor(id, value, monitoring, status, activeOperations, history, waitingManual, tickDueMs, hangSinceMs);
    }

    Monitor withMonitoring(boolean value) {
        return new Monitor(id, settings, value, status, activeOperations, history, waitingManual, tickDueMs, hangSinceMs);
    }

    Monitor withStatus(Status value) {
        return new Monitor(id, settings, monitoring, value, activeOperations, history, waitingManual, tickDueMs, hangSinceMs);
    }

    Monitor withActiveOperations(List<Integer> value) {
        return new Monitor(id, settings, monitoring, status, value, history, waitingManual, tickDueMs, hangSinceMs);
    }

    Monitor withHistory(Vector<HistoryRecord> value) {
        return new Monitor(id, settings, monitoring, status, activeOperations, value, waitingManual, tickDueMs, hangSinceMs);
    }

    Monitor withWaitingManual(Option<Boolean> value) {
        return new Monitor(id, settings, monitoring, status, activeOperations, history, value, tickDueMs, hangSinceMs);
    }

    Monitor withTickDueMs(Option<Long> value) {
        return new Monitor(id, settings, monitoring, status, activeOperations, history, waitingManual, value, hangSinceMs);
    }

    Monitor withHangSinceMs(Option<Long> value) {
        return new Monitor(id, settings, monitoring, status, activeOperations, history, waitingManual, tickDueMs, value);
    }

    /** What a crash keeps: the persisted fields; memory-only fields are lost. */
    Monitor afterCrash() {
        return new Monitor(id, settings, monitoring, status, activeOperations, history,
                Option.none(), Option.none(), Option.none());
    }

    boolean lists(int operation) {
        return activeOperations.contains(operation);
    }

    /** @return wall time of the last applied check: the last record's label (history is append-only) */
    Option<Long> lastCheckedAtMs() {
        return history.lastOption().map(HistoryRecord::atMs);
    }

    /** @return the last applied check's response time, 0 if none */
    long responseTimeMs() {
        return history.lastOption().map(HistoryRecord::responseTimeMs).getOrElse(0L);
    }

    /** @return the observable part, with the last {@code historyTailMax} history records */
    MonitorView view(int historyTailMax) {
        return new MonitorView(id, monitoring, status, activeOperations.toJavaList(), lastCheckedAtMs().toJavaOptional(), responseTimeMs(),
                waitingManual.toJavaOptional(), history.drop(Math.max(0, history.size() - historyTailMax)).map(HistoryRecord::view).toJavaList());
    }

    /** @return what add and update return: this monitor as committed */
    CommandResult.Snapshot snapshot() {
        return new CommandResult.Snapshot(id, monitoring, status, activeOperations.toJavaList(), lastCheckedAtMs().toJavaOptional(),
                responseTimeMs());
    }
}
