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
    SLEEP,
    /**
     * Source-set dynamic partial-order reduction with sleep sets ({@link SourceSets}): a state
     * explores one event, and another only when a race found later in the schedule, a choice
     * that disables it, or a schedule stopped by hashing asks for it. Sound with hashing because
     * a stopped schedule assumes the worst of what would have followed it.
     */
    DPOR;

    /** The name the command line takes: {@code none}, {@code sleep}, {@code dpor}. */
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
        throw new IllegalArgumentException("--reduction '" + label + "' must be one of none, sleep, dpor");
    }
}
