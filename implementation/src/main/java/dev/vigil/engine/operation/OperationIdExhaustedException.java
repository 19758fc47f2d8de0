package dev.vigil.engine.operation;

/** The id source gave only blank or already-live ids {@value MonitorOperationRegistry#ID_TRIES_MAX} times in a row. */
public final class OperationIdExhaustedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * The id source failed the registry {@value MonitorOperationRegistry#ID_TRIES_MAX} times.
     *
     * @param monitorId     the monitor whose operation could not be issued
     * @param lastCandidate the last id the source gave, shown in the message
     */
    public OperationIdExhaustedException(String monitorId, String lastCandidate) {
        super("could not issue a unique operation id for monitor '" + monitorId + "' after "
                + MonitorOperationRegistry.ID_TRIES_MAX + " tries (last candidate: '" + lastCandidate
                + "'); the operation id source repeats itself");
    }
}
