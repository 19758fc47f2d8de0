package dev.vigil.engine;

/** The range check every settings type shares; the message names the field, the value and the range. */
final class Validation {
    private Validation() {
    }

    static void requireRange(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InvalidSettingsException(field, value, "allowed " + min + " … " + max);
        }
    }
}
