package dev.vigil.model;

/**
 * Every shape a probe attempt's return can take; chosen by the simulator (the model has no
 * randomness). The model says what each one records (SEMANTICS "Probe returns"): a result is
 * the probe's own, a throw is DOWN naming the exception, {@code null} is DOWN too. A simulated
 * probe answers with exactly the details, exception class and message given here, so that the
 * engine's record can be compared field by field.
 */
public enum Outcome {
    /** The target answered and is up. */
    UP(Kind.RESULT, true, "up", ""),
    /** The target answered and is down. */
    DOWN(Kind.RESULT, false, "down", ""),
    /** The probe threw a checked exception. */
    THROW(Kind.THROWN, false, "IOException", "simulated probe failure"),
    /** The probe threw an unchecked exception (a bug in a custom probe). */
    THROW_RUNTIME(Kind.THROWN, false, "IllegalStateException", "simulated probe bug"),
    /** The probe's future completed with a checked exception wrapped in a {@code CompletionException}. */
    THROW_WRAPPED(Kind.THROWN, false, "IOException", "simulated wrapped failure"),
    /** The probe threw an {@code Error} that is not a VM error (an assertion, a missing class). */
    THROW_ERROR(Kind.THROWN, false, "AssertionError", "simulated probe error"),
    /**
     * The probe's future failed with a checked exception wrapped in an {@code ExecutionException}
     * (a custom executor's future). Drawn only where asked for ({@code explore --outcomes}), like
     * the two after it and {@code WRAPPER_WITHOUT_CAUSE}, so that the swarm's seeds draw what they
     * always drew.
     */
    THROW_EXECUTION(Kind.THROWN, false, "IOException", "simulated execution failure"),
    /** The probe cancelled its own future ({@code CancellationException}): recorded as "probe cancelled". */
    CANCELLED_BY_PROBE(Kind.THROWN, false, "CancellationException", "simulated self-cancel"),
    /** The probe threw an exception without a message: the details name only its class. */
    THROW_NO_MESSAGE(Kind.THROWN, false, "IOException", null),
    /** The probe returned {@code null} instead of a result. */
    NULL(Kind.NO_RESULT, false, "", ""),
    /**
     * The probe's future failed with a {@code CompletionException} that has no cause (a custom
     * probe that builds its own wrapper): there is nothing to look through, so the details name
     * the wrapper. Drawn only where asked for, as {@code THROW_EXECUTION} is; last, so that no
     * earlier constant's ordinal moves.
     */
    WRAPPER_WITHOUT_CAUSE(Kind.THROWN, false, "CompletionException", "simulated wrapper without a cause");

    /** How the attempt returned. */
    public enum Kind {
        /** With a result of its own. */
        RESULT,
        /** With an exception. */
        THROWN,
        /** With nothing: {@code null}. */
        NO_RESULT
    }

    private final Kind kind;
    private final boolean up;
    private final String name;
    private final String message;

    Outcome(Kind kind, boolean up, String name, String message) {
        this.kind = kind;
        this.up = up;
        this.name = name;
        this.message = message;
    }

    /** @return how the attempt returned */
    public Kind kind() {
        return kind;
    }

    /** @return whether the attempt counts as UP; every other outcome is a failed attempt (R5) */
    public boolean up() {
        return up;
    }

    /** @return the details a simulated probe's own result carries ({@link Kind#RESULT} only) */
    public String probeDetails() {
        requireKind(Kind.RESULT);
        return name;
    }

    /** @return the simple class name of what a simulated probe throws ({@link Kind#THROWN} only) */
    public String exceptionClass() {
        requireKind(Kind.THROWN);
        return name;
    }

    /** @return the message of what a simulated probe throws, {@code null} for none ({@link Kind#THROWN} only) */
    public String exceptionMessage() {
        requireKind(Kind.THROWN);
        return message;
    }

    /** @return the details a history record of this outcome carries (SEMANTICS "Probe returns") */
    public String recordedDetails() {
        return switch (kind) {
            case RESULT -> name;
            case THROWN -> this == CANCELLED_BY_PROBE ? "probe cancelled" : "probe threw " + name + (message == null ? "" : ": " + message);
            case NO_RESULT -> "probe returned no result";
        };
    }

    private void requireKind(Kind expected) {
        if (kind != expected) {
            throw new IllegalStateException(this + " is " + kind + ", not " + expected);
        }
    }
}
