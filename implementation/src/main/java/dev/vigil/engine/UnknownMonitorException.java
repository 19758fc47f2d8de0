package dev.vigil.engine;

/** A command named a monitor id that the engine does not have. */
public final class UnknownMonitorException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnknownMonitorException(String monitorId) {
        super("no monitor with id '" + monitorId + "'");
    }
}
