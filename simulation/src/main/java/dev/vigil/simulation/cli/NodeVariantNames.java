package dev.vigil.simulation.cli;

import dev.vigil.simulation.variant.NodeVariant;
import java.util.Arrays;
import java.util.Iterator;

/** Every node composition's name, for the help text of {@code nodes --variant}. */
final class NodeVariantNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return Arrays.stream(NodeVariant.values()).map(NodeVariant::cliName).iterator();
    }
}
