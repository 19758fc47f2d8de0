package dev.vigil.model;

import io.vavr.collection.List;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * A monitor as the model keeps it. The first seven fields are persisted (they survive a crash);
 * the last three live in the engine's memory only and a crash clears them.
 *
 * @param lastApplied      the last record applied, which a pruning of the history (R17) does not
 *                         take: the monitor's {@code lastCheckedAt} and response time are its
 * @param activeOperations persisted ids of live operations; at most one (I3), may hold a stale id (I4)
 * @param waitingManual    the waiting check request (R4), its value says whether it is manual
 * @param tickDueMs        when the TICK timer fires; present exactly while monitoring and not crashed
 * @param hangSinceMs      I8 bookkeeping: the start of the first timed-out attempt of the current hang
 * @param storeUnlisted    another writer emptied the stored {@code activeOperations} after this
 *                         engine last wrote them: the store lists nothing while the engine's
 *                         memory still lists {@code activeOperations}; the next write of the list
 *                         makes the two agree again
 * @param unlistedUpToOperation I8 bookkeeping: the last operation number issued when another writer
 *                         emptied the stored list while an operation was listed; the store refuses
 *                         those operations' results whatever the target did, so their timeouts are
 *                         no evidence of a hang (0: none)
 */
record Monitor(
        String id,
        ModelSettings settings,
        boolean monitoring,
        Status status,
        List<Integer> activeOperations,
        Vector<HistoryRecord> history,
        Option<HistoryRecord> lastApplied,
        Option<Boolean> waitingManual,
        Option<Long> tickDueMs,
        Option<Long> hangSinceMs,
        boolean storeUnlisted,
        int unlistedUpToOperation) {

    /** R1: stored paused, never checked, owning nothing. */
    static Monitor added(String id, ModelSettings settings) {
        return new Monitor(id, settings, false, Status.PAUSED, List.empty(), Vector.empty(), Option.none(),
                Option.none(), Option.none(), Option.none(), false, 0);
    }

    Monitor withSettings(ModelSettings value) {
        return new Monitor(id, value, monitoring, status, activeOperations, history, lastApplied, waitingManual, tickDueMs, hangSinceMs, storeUnlisted, unlistedUpToOperation);
    }

    Monitor withMonitoring(boolean value) {
        return new Monitor(id, settings, value, status, activeOperations, history, lastApplied, waitingManual, tickDueMs, hangSinceMs, storeUnlisted, unlistedUpToOperation);
    }

    Monitor withStatus(Status value) {
        return new Monitor(id, settings, monitoring, value, activeOperations, history, lastApplied, waitingManual, tickDueMs, hangSinceMs, storeUnlisted, unlistedUpToOperation);
    }

    /** Every write of the list writes the store and the engine's memory alike: they agree again. */
    Monitor withActiveOperations(List<Integer> value) {
        return new Monitor(id, settings, monitoring, status, value, history, lastApplied, waitingManual, tickDueMs, hangSinceMs, false, unlistedUpToOperation);
    }

    /**
     * Another writer emptied the stored list when {@code lastOperation} was the last number
     * issued; the engine's memory still lists what it did. What is listed now will be refused by
     * the store, so a hang counts afresh, from a later operation.
     */
    Monitor unlistedByAnotherWriter(int lastOperation) {
        if (activeOperations.isEmpty()) {
            return this;
        }
        return new Monitor(id, settings, monitoring, status, activeOperations, history, lastApplied, waitingManual, tickDueMs, Option.none(), true,
                lastOperation);
    }

    /** @return the list as the store holds it, which readers of the store see */
    List<Integer> storedOperations() {
        return storeUnlisted ? List.empty() : activeOperations;
    }

    /** The history as {@code value}; its last record is the last applied, unless it has none (a pruning took every record). */
    Monitor withHistory(Vector<HistoryRecord> value) {
        return new Monitor(id, settings, monitoring, status, activeOperations, value, value.lastOption().orElse(lastApplied), waitingManual, tickDueMs, hangSinceMs, storeUnlisted, unlistedUpToOperation);
    }

    Monitor withWaitingManual(Option<Boolean> value) {
        return new Monitor(id, settings, monitoring, status, activeOperations, history, lastApplied, value, tickDueMs, hangSinceMs, storeUnlisted, unlistedUpToOperation);
    }

    Monitor withTickDueMs(Option<Long> value) {
        return new Monitor(id, settings, monitoring, status, activeOperations, history, lastApplied, waitingManual, value, hangSinceMs, storeUnlisted, unlistedUpToOperation);
    }

    Monitor withHangSinceMs(Option<Long> value) {
        return new Monitor(id, settings, monitoring, status, activeOperations, history, lastApplied, waitingManual, tickDueMs, value, storeUnlisted, unlistedUpToOperation);
    }

    /** What a crash keeps: the persisted fields; memory-only fields are lost. */
    Monitor afterCrash() {
        return new Monitor(id, settings, monitoring, status, storedOperations(), history, lastApplied,
                Option.none(), Option.none(), Option.none(), false, unlistedUpToOperation);
    }

    boolean lists(int operation) {
        return activeOperations.contains(operation);
    }

    /** @return wall time of the last applied check: its record's label, kept when a pruning took the record */
    Option<Long> lastCheckedAtMs() {
        return lastApplied.map(HistoryRecord::atMs);
    }

    /** @return the last applied check's response time, 0 if none */
    long responseTimeMs() {
        return lastApplied.map(HistoryRecord::responseTimeMs).getOrElse(0L);
    }

    /** @return the observable part, with the last {@code historyTailMax} history records */
    MonitorView view(int historyTailMax) {
        return new MonitorView(id, monitoring, status, storedOperations().toJavaList(), lastCheckedAtMs().toJavaOptional(), responseTimeMs(),
                waitingManual.toJavaOptional(), history.drop(Math.max(0, history.size() - historyTailMax)).map(HistoryRecord::view).toJavaList());
    }

    /**
     * @return the {@link ViewDigest} of {@link #view(int) view(historyTailMax)}, fed field by field
     *         without building the view
     */
    long digest(int historyTailMax) {
        List<Integer> stored = storedOperations();
        ViewDigest digest = ViewDigest.monitor(id, monitoring, status).add(stored.size());
        for (Integer operation : stored) {
            digest.add(operation);
        }
        boolean checked = lastApplied.isDefined();
        HistoryRecord last = lastApplied.getOrNull();
        digest.addOptional(checked, checked ? last.atMs() : 0).add(checked ? last.responseTimeMs() : 0L)
                .add(waitingManual.isEmpty() ? 0L : waitingManual.get() ? 1L : 2L);
        int from = Math.max(0, history.size() - historyTailMax);
        digest.add(history.size() - from);
        for (int i = from; i < history.size(); i++) {
            HistoryRecord record = history.get(i);
            digest.addHistoryEntry(record.operation(), record.atMs(), record.status(), record.responseTimeMs(), record.details());
        }
        return digest.value();
    }

    /** @return what add and update return: this monitor as committed */
    CommandResult.Snapshot snapshot() {
        return new CommandResult.Snapshot(id, monitoring, status, storedOperations().toJavaList(), lastCheckedAtMs().toJavaOptional(),
                responseTimeMs());
    }
}
