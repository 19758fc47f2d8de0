package dev.vigil.simulation.cli;

import dev.vigil.simulation.variant.EngineVariant;
import dev.vigil.simulation.variant.RealEngine;
import dev.vigil.simulation.variant.Variants;
import picocli.CommandLine.Option;

/** {@code --variant} and {@code --variant-class}: which engine composition a command runs. Shared by run, replay and explore. */
final class VariantOptions {
    @Option(names = "--variant", paramLabel = "NAME", description = "Engine composition to run (${COMPLETION-CANDIDATES}; default real).",
            completionCandidates = VariantNames.class)
    String variant = RealEngine.NAME;

    @Option(names = "--variant-class", paramLabel = "CLASS",
            description = "Your own composition: a class on the classpath implementing dev.vigil.simulation.variant.EngineVariant.")
    String variantClass;

    EngineVariant variant() {
        return variantClass != null ? Variants.byClass(variantClass) : Variants.byName(variant);
    }
}
