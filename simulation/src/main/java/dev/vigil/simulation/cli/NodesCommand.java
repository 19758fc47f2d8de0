package dev.vigil.simulation.cli;

import dev.vigil.simulation.nodes.NodeExploreScope;
import dev.vigil.simulation.nodes.NodeExplorer;
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
 * store, held to the node invariants NI1–NI7 (SPEC §6). Exit 1 at the first seed that breaks one.
 */
@Command(name = "nodes", mixinStandardHelpOptions = true,
        description = {"Random runs of 2 or 3 multi-node engines on one simulated store (pauses past the lease, a crash, start, stop, "
                + "update, removal, remove-and-add-again and checkNow from any node, retries, per-node wall-clock skew), checked against NI1-NI3, NI5 "
                + "and NI6 after every step and NI4 and NI6 once the faults stop. Stops at the first failing seed and prints it with the invariant it broke; exit 1 then."})
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

    @Option(names = "--explore", description = "Explore every schedule of the standard two-node scope instead of random seeds "
            + "(--seeds and --first-seed do not apply; --nodes must be 2).")
    boolean explore;

    @Option(names = "--monitors", paramLabel = "1|2", description = "With --explore: monitors in the scope (default ${DEFAULT-VALUE}).")
    int monitors = 1;

    @Option(names = "--faults", paramLabel = "F", description = "With --explore: faults per schedule, 0…2 (default ${DEFAULT-VALUE}).")
    int faults = 1;

    @Option(names = "--commands", paramLabel = "C", description = "With --explore: commands per schedule, 0…2 (default ${DEFAULT-VALUE}).")
    int commands = 1;

    @Option(names = "--horizon-ms", paramLabel = "MS",
            description = "With --explore: virtual time until which faults, commands and answers are chosen (default ${DEFAULT-VALUE}).")
    long horizonMs = NodeExploreScope.twoNodes().horizonMs();

    @Option(names = "--no-lockstep", description = "Do not compare the engines with the node model after every step.")
    boolean noLockstep;

    @Option(names = "--edits", description = "Random runs: users also update monitors, remove them (and add them back), remove and "
            + "add them again at once, and call checkNow on any node, held to NI1-NI6 without the lockstep (the node model has neither "
            + "settings, removal nor checkNow). On by itself for the variants that need it.")
    boolean edits;

    @Mixin
    StoreOption store = new StoreOption();

    @Override
    public Integer call() {
        if (explore) {
            return explore();
        }
        NodeVariant chosen = NodeVariant.named(variant);
        NodeRunSettings settings = new NodeRunSettings(nodes, store.store, chosen, edits || chosen.needsEdits());
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
                    + settings.variant().cliName() + " --store " + store.store.label() + (settings.edits() ? " --edits" : ""));
            return VigilCommand.EXIT_VIOLATION;
        }
        out.println("PASSED: every node invariant held");
        return VigilCommand.EXIT_PASSED;
    }

    private int explore() {
        if (nodes != 2) {
            throw new IllegalArgumentException("--explore explores two nodes, not --nodes " + nodes);
        }
        NodeExploreScope standard = NodeExploreScope.twoNodes();
        NodeExploreScope scope = monitors == 1 && faults == standard.faults() && commands == standard.commands() && horizonMs == standard.horizonMs()
                ? standard : standard.with(monitors, faults, commands, horizonMs);
        NodeVariant chosen = NodeVariant.named(variant);
        PrintStream out = System.out;
        out.println("vigil nodes --explore: " + scope.describe() + ", store " + store.store.label() + ", variant " + chosen.cliName()
                + (noLockstep ? "" : ", in lockstep with the node model"));
        NodeExplorer.Result result = new NodeExplorer(scope, chosen, store.store, !noLockstep, System.err).explore();
        out.printf("%,d schedules, %,d distinct states, %,d choices taken, %,d pruned by hashing, %,d cut by the step bound in %.1f s"
                + " (%,.0f schedules/s)%s%n", result.schedules(), result.distinctStates(), result.transitions(), result.prunedByHash(),
                result.cutByStepsMax(), result.wallNs() / 1e9, result.schedulesPerSecond(), result.complete() || result.failure().isPresent() ? ""
                        : "; INCOMPLETE: the schedule bound stopped it");
        if (!noLockstep) {
            out.printf("lockstep with the node model: %,d steps compared%n", result.lockstepSteps());
            result.openPoints().forEach((name, count) -> out.printf("  open point (docs/SEMANTICS.md), %,d steps: %s%n", count, name));
        }
        if (result.failure().isPresent()) {
            out.println("VIOLATION: " + result.failure().get().describe());
            return VigilCommand.EXIT_VIOLATION;
        }
        out.println(result.complete() ? "PASSED: every schedule kept the node invariants" : "NOT COMPLETE: no violation in the schedules run");
        return result.complete() ? VigilCommand.EXIT_PASSED : VigilCommand.EXIT_VIOLATION;
    }
}
