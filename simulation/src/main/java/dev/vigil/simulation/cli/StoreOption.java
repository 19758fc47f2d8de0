package dev.vigil.simulation.cli;

import dev.vigil.simulation.lockstep.Lockstep;
import dev.vigil.simulation.store.StoreKind;
import dev.vigil.simulation.variant.EngineVariant;
import picocli.CommandLine.Option;

/** {@code --store}: which tables the simulated store keeps. Shared by run, replay, explore and verify. */
final class StoreOption {
    @Option(names = "--store", paramLabel = "memory|sqlite", converter = Converter.class,
            description = "Where the simulated store keeps its tables: memory (default; the engine's in-memory repository, no SQL) or "
                    + "sqlite (a private in-memory SQLite database: the SQL the engine ships with). Trace hashes are the same on both. "
                    + "Variants that write SQL past the repository (naive, history-first) always run on sqlite.")
    StoreKind store = StoreKind.MEMORY;

    /** The store {@code variant} runs on with this option: SQLite for a variant that writes SQL. */
    StoreKind forVariant(EngineVariant variant) {
        return Lockstep.storeFor(variant, store);
    }

    static final class Converter implements picocli.CommandLine.ITypeConverter<StoreKind> {
        @Override
        public StoreKind convert(String value) {
            return StoreKind.of(value);
        }
    }
}
