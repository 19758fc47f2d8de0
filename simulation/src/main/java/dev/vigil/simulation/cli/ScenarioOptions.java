package dev.vigil.simulation.cli;

import dev.vigil.simulation.scenario.ScenarioParameters;
import dev.vigil.simulation.variant.EngineVariant;
import dev.vigil.simulation.variant.RealEngine;
import dev.vigil.simulation.variant.Variants;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options that shape a run's scenario and choose the engine variant; shared by every command that runs seeds. */
final class ScenarioOptions {
    @Option(names = "--variant", paramLabel = "NAME", description = "Engine composition to run: real (default), naive.")
    String variant = RealEngine.NAME;

    @Option(names = "--variant-class", paramLabel = "CLASS",
            description = "Your own composition: a class on the classpath implementing dev.vigil.simulation.variant.EngineVariant.")
    String variantClass;

    @Option(names = "--monitors", paramLabel = "K", description = "Fix the number of monitors (1…5); drawn per seed if absent.")
    Integer monitors;

    @Option(names = "--events", paramLabel = "E", description = "Events per run (default ${DEFAULT-VALUE}).")
    int events = ScenarioParameters.EVENTS_MAX_DEFAULT;

    @Option(names = "--store-fail-percent", paramLabel = "P", description = "Fix the chance (0…100) that a command slot arms a store failure.")
    Integer storeFailPercent;

    @Option(names = "--crash-percent", paramLabel = "P", description = "Fix the chance (0…100) that a command slot crashes the engine.")
    Integer crashPercent;

    ScenarioParameters parameters() {
        if (events < 1 || events > 10_000_000) {
            throw new IllegalArgumentException("--events " + events + " must be within 1 … 10000000");
        }
        requirePercent("--store-fail-percent", storeFailPercent);
        requirePercent("--crash-percent", crashPercent);
        return new ScenarioParameters(Optional.ofNullable(monitors), events, Optional.ofNullable(storeFailPercent),
                Optional.ofNullable(crashPercent), Optional.empty(), Optional.empty());
    }

    EngineVariant variant() {
        return variantClass != null ? Variants.byClass(variantClass) : Variants.byName(variant);
    }

    private static void requirePercent(String option, Integer value) {
        if (value != null && (value < 0 || value > 100)) {
            throw new IllegalArgumentException(option + " " + value + " must be within 0 … 100");
        }
    }
}
