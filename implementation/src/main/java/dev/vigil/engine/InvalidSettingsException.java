package dev.vigil.engine;

/**
 * A monitor's settings or id were rejected (SPEC R1). The message names the field, the value
 * and the allowed range; nothing was stored.
 */
public final class InvalidSettingsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidSettingsException(String field, Object value, String allowed) {
        super(field + " = " + value + " is invalid: " + allowed);
        this.field = field;
    }

    /** The name of the rejected field, e.g. {@code intervalMs}. */
    public String field() {
        return field;
    }
}
