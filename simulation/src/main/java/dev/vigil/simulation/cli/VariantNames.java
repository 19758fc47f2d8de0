package dev.vigil.simulation.cli;

import dev.vigil.simulation.variant.EngineVariant;
import dev.vigil.simulation.variant.Variants;
import java.util.Iterator;

/** Every known composition's name, for the help texts of {@code --variant}. */
final class VariantNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return Variants.all().stream().map(EngineVariant::name).iterator();
    }
}
