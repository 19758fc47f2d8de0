package dev.vigil.model;

/** What a probe attempt returned; chosen by the simulator (the model has no randomness). */
public enum Outcome {
    /** The target answered and is up. */
    UP,
    /** The target answered and is down. */
    DOWN,
    /** The probe threw; recorded as DOWN with the exception's class and message (SEMANTICS). */
    THROW
}
