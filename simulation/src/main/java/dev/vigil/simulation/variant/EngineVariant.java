package dev.vigil.simulation.variant;

import dev.vigil.engine.check.CheckerFactory;
import dev.vigil.simulation.store.SimulatedStore;

/**
 * A composition of engine parts the harness runs: the real engine, or a known-buggy one that the
 * harness must catch. Plug your own with {@code --variant-class}: a public class implementing
 * this interface with a public no-argument constructor.
 */
public interface EngineVariant {
    /** A short name, used on the command line and in reports. */
    String name();

    /** One paragraph: what is wrong with this composition, and what it looks like to a user. */
    String description();

    /** Whether the harness is expected to catch it ({@code false} only for the real engine). */
    default boolean buggy() {
        return true;
    }

    /** The smallest standard scope in which {@code explore} catches this variant (see {@code ScopeSpec.standard()}). */
    default String exploreScope() {
        return "one-monitor-retries";
    }

    /**
     * Whether this composition writes SQL past the repository ({@link SimulatedStore#rawConnection}),
     * as some buggy ones do: it then runs on the SQLite store whatever {@code --store} says.
     */
    default boolean needsSqlite() {
        return false;
    }

    /**
     * How the engine's checker is composed. {@code store} is the simulated database, for variants
     * that write past the repository as buggy code does.
     */
    CheckerFactory checkerFactory(SimulatedStore store);
}
