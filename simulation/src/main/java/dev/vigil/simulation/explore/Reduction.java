package dev.vigil.simulation.explore;

import java.util.Locale;

/**
 * How the explorer skips reorderings of independent events ({@link Independence}). Every choice
 * reaches the same set of abstract states; they differ only in how many schedules they run.
 */
public enum Reduction {
    /** Every enabled event at every state: the reference the others are compared with. */
    NONE,
    /**
     * Sleep sets: after an event {@code a} was explored at a state, a later sibling {@code b}
     * independent of {@code a} does not explore {@code a} first in its subtree, until an event
     * dependent with {@code a} runs; {@code b·a} reaches what {@code a·b} reached. Sleep sets
     * skip transitions, never states.
     */
    SLEEP;

    /** The name the command line takes: {@code none}, {@code sleep}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the choices, for a label that is none of them */
    public static Reduction parse(String label) {
        for (Reduction reduction : values()) {
            if (reduction.label().equals(label)) {
                return reduction;
            }
        }
        throw new IllegalArgumentException("--reduction '" + label + "' must be one of none, sleep");
    }
}
