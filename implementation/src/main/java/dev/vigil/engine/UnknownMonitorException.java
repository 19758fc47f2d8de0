package dev.vigil.engine;

/** A command named a monitor id that the engine does not have. */
public final class UnknownMonitorException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * A command on a missing monitor.
     *
     * @param monitorId the id it named
     */
    public UnknownMonitorException(String monitorId) {
        super("no monitor with id '" + monitorId + "'");
    }
}
