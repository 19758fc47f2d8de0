package dev.vigil.engine;

/**
 * A monitor's settings or id were rejected (SPEC R1). The message names the field, the value
 * and the allowed range; nothing was stored.
 */
public final class InvalidSettingsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    /** The rejected field's name. */
    private final String field;

    /**
     * A rejection.
     *
     * @param field   the rejected field's name
     * @param value   the rejected value, as the message shows it
     * @param allowed what is allowed, e.g. {@code "allowed 1000 … 2592000000"}
     */
    public InvalidSettingsException(String field, Object value, String allowed) {
        super(field + " = " + value + " is invalid: " + allowed);
        this.field = field;
    }

    /**
     * The name of the rejected field.
     *
     * @return e.g. {@code intervalMs}
     */
    public String field() {
        return field;
    }
}
