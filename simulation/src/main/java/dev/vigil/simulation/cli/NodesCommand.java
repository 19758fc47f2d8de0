package dev.vigil.simulation.cli;

import dev.vigil.simulation.nodes.NodeRunSettings;
import dev.vigil.simulation.nodes.NodeSeedRuns;
import dev.vigil.simulation.nodes.NodeViolation;
import dev.vigil.simulation.variant.NodeVariant;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vigil nodes}: seeded random runs of two or three multi-node engines on one simulated
 * store, held to the node invariants NI1–NI5 (SPEC §6). Exit 1 at the first seed that breaks one.
 */
@Command(name = "nodes", mixinStandardHelpOptions = true,
        description = {"Random runs of 2 or 3 multi-node engines on one simulated store (pauses past the lease, a crash, start, stop, "
                + "update, and remove-and-add-again from any node, retries, per-node wall-clock skew), checked against NI1-NI3 and NI5 after every step and NI4 once the faults "
                + "stop. Stops at the first failing seed and prints it with the invariant it broke; exit 1 then."})
final class NodesCommand implements Callable<Integer> {
    @Option(names = "--seeds", paramLabel = "N", description = "How many seeds (default ${DEFAULT-VALUE}).")
    int seeds = 100;

    @Option(names = "--first-seed", paramLabel = "S", description = "The first seed (default ${DEFAULT-VALUE}).")
    long firstSeed = 1;

    @Option(names = "--nodes", paramLabel = "2|3", description = "Engines on the store (default ${DEFAULT-VALUE}).")
    int nodes = 2;

    @Option(names = "--variant", paramLabel = "NAME", completionCandidates = NodeVariantNames.class,
            description = "The node composition: ${COMPLETION-CANDIDATES} (default real; the others are known-buggy node variants).")
    String variant = NodeVariant.REAL.cliName();

    @Mixin
    StoreOption store = new StoreOption();

    @Override
    public Integer call() {
        NodeRunSettings settings = new NodeRunSettings(nodes, store.store, NodeVariant.named(variant));
        if (seeds < 1) {
            throw new IllegalArgumentException("--seeds " + seeds + " must be at least 1");
        }
        PrintStream out = System.out;
        out.println("vigil nodes: " + settings.describe() + ", seeds " + firstSeed + " … " + (firstSeed + seeds - 1));
        NodeSeedRuns.Summary summary = new NodeSeedRuns(settings, System.err).run(firstSeed, seeds);
        out.printf("%d seeds, %,d steps, %,d events in %.1f s: %,.0f steps/s, %,.0f events/s%n", summary.seedsRun(), summary.steps(),
                summary.events(), summary.wallNs() / 1e9, summary.stepsPerSecond(), summary.eventsPerSecond());
        if (summary.failure().isPresent()) {
            NodeViolation violation = summary.failure().get().violation().orElseThrow();
            out.println("VIOLATION at seed " + summary.failure().get().seed() + ": " + violation.headline());
            out.println("rerun: ./vigil nodes --seeds 1 --first-seed " + summary.failure().get().seed() + " --nodes " + nodes + " --variant "
                    + settings.variant().cliName() + " --store " + store.store.label());
            return VigilCommand.EXIT_VIOLATION;
        }
        out.println("PASSED: every node invariant held");
        return VigilCommand.EXIT_PASSED;
    }
}
