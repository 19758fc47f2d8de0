package dev.vigil.engine.check;

import dev.vigil.engine.OperationIdExhaustedException;

/**
 * What a check that found no fresh operation id leaves behind (SPEC R18), the same for both
 * checkers: nothing was registered or written, so the monitor keeps its status and its next tick;
 * the request is consumed, its waiting callers fail with the exhaustion, and the log says why.
 */
final class IdSourceExhaustion {
    private static final System.Logger LOG = System.getLogger(IdSourceExhaustion.class.getName());

    private IdSourceExhaustion() {}

    /**
     * Reports an exhaustion met while beginning a check of {@code monitorId}, whose lane the caller holds.
     *
     * @param monitorId the monitor whose check did not begin
     * @param exhausted what the id source did
     * @param waiters   the callers waiting for the monitor's next check
     */
    static void report(String monitorId, OperationIdExhaustedException exhausted, CheckWaiters waiters) {
        LOG.log(System.Logger.Level.WARNING, "a check of monitor " + monitorId + " did not begin", exhausted);
        waiters.noOperationId(monitorId, exhausted);
    }
}
