package dev.vigil.engine;

import dev.vigil.engine.spi.OperationIdSource;

/**
 * The runtime's operation id source offered only {@code null}, blank or live ids
 * {@value OperationIdSource#CANDIDATES_PER_OPERATION_MAX} times in a row, so a check could not
 * begin (SPEC R18). The engine goes on: the monitor keeps its status and its next tick; the callers
 * of {@code checkNow} waiting for that check fail with this exception.
 */
public final class OperationIdExhaustedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * The id source failed {@value OperationIdSource#CANDIDATES_PER_OPERATION_MAX} times.
     *
     * @param monitorId     the monitor whose operation could not be issued
     * @param lastCandidate the last id the source gave, shown in the message
     */
    public OperationIdExhaustedException(String monitorId, String lastCandidate) {
        super("could not issue a unique operation id for monitor '" + monitorId + "' after "
                + OperationIdSource.CANDIDATES_PER_OPERATION_MAX + " tries (last candidate: '" + lastCandidate
                + "'); the operation id source repeats itself");
    }
}
