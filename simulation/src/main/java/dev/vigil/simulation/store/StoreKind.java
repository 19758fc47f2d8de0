package dev.vigil.simulation.store;

import java.util.Locale;

/**
 * Where the simulated store keeps its tables. Both run the engine's own repository code and
 * the same store faults; a run's trace hash is the same on either (the model sees no
 * difference), so a trace replays on both.
 */
public enum StoreKind {
    /**
     * {@code MonitorRepository.openInMemory}: Java collections, no SQL. The default: it takes
     * the SQL and JDBC work out of every event.
     */
    MEMORY,
    /** A private in-memory SQLite database through JDBC: the SQL the engine ships with. */
    SQLITE;

    /** How the command line and trace files spell it: {@code memory}, {@code sqlite}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The other store: what {@code verify} runs a share of its seeds on. */
    public StoreKind other() {
        return this == MEMORY ? SQLITE : MEMORY;
    }

    /**
     * The kind spelled {@code label}, case-insensitive.
     *
     * @throws IllegalArgumentException naming the accepted labels
     */
    public static StoreKind of(String label) {
        for (StoreKind kind : values()) {
            if (kind.label().equalsIgnoreCase(label)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("no store '" + label + "': use memory or sqlite");
    }
}
