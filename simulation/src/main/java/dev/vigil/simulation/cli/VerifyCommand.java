package dev.vigil.simulation.cli;

import dev.vigil.reports.RunReport;
import dev.vigil.simulation.explore.ExploreLimits;
import dev.vigil.simulation.explore.Explorer;
import dev.vigil.simulation.explore.ScopeSpec;
import dev.vigil.simulation.lockstep.Lockstep;
import dev.vigil.simulation.nodes.NodeExploreScope;
import dev.vigil.simulation.nodes.NodeExplorer;
import dev.vigil.simulation.nodes.NodeRunResult;
import dev.vigil.simulation.nodes.NodeRunSettings;
import dev.vigil.simulation.nodes.NodeScript;
import dev.vigil.simulation.nodes.NodeSeedRuns;
import dev.vigil.simulation.lockstep.RunOutcome;
import dev.vigil.simulation.report.RunReports;
import dev.vigil.simulation.runner.SeedRange;
import dev.vigil.simulation.runner.SeedRunner;
import dev.vigil.simulation.scenario.ScenarioParameters;
import dev.vigil.simulation.store.StoreKind;
import dev.vigil.simulation.trace.Trace;
import dev.vigil.simulation.trace.TraceFiles;
import dev.vigil.simulation.variant.EngineVariant;
import dev.vigil.simulation.variant.NodeVariant;
import dev.vigil.simulation.variant.RealEngine;
import dev.vigil.simulation.variant.Variants;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vigil verify}, the main job: the standard scenarios, random seeds and standard scopes must
 * pass on every shipped composition (the real engine and its fallback checker), every seed twice
 * must hash the same, every known-buggy variant must be caught; and two or three nodes on one store
 * must keep the node invariants and the lockstep with the node model, in random runs and in every
 * schedule of the standard two-node scope, while every known-buggy node variant must break one in
 * both.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "The main job: standard scenarios, random seeds and the standard scopes explored completely on the real engine "
                + "and on its fallback checker; determinism; every known-bug variant caught by random runs and by exploration; multi-node random runs "
                + "(2 and 3 nodes) keeping NI1-NI5 in lockstep with the node model, and NI1-NI6 with updates, re-creations and checkNow "
                + "from any node; the standard two-node scope explored, and every node variant caught by random runs and by exploring it.")
final class VerifyCommand implements Callable<Integer> {
    @Option(names = "--seeds", paramLabel = "N", description = "Random swarm seeds for the real engine and for the fallback (default ${DEFAULT-VALUE}).")
    int seeds = 300;

    @Option(names = "--scenario-seeds", paramLabel = "N", description = "Seeds per standard scenario (default ${DEFAULT-VALUE}).")
    int scenarioSeeds = 100;

    @Option(names = "--variant-seeds", paramLabel = "N", description = "Seeds a buggy variant may take to be caught (default ${DEFAULT-VALUE}).")
    int variantSeeds = 1_000;

    @Option(names = "--node-seeds", paramLabel = "N",
            description = "Seeds of the multi-node runs on the real engine, with 2 nodes and (half as many) with 3 (default ${DEFAULT-VALUE}).")
    int nodeSeeds = 100;

    @Option(names = "--determinism-seeds", paramLabel = "N", description = "Seeds run twice to compare trace hashes (default ${DEFAULT-VALUE}).")
    int determinismSeeds = 50;

    @Option(names = "--other-store-percent", paramLabel = "P",
            description = "The share (0…100) of the random-swarm seeds that run on the store --store does not name, so that both stay "
                    + "covered: with the default memory store, the engine's SQL (default ${DEFAULT-VALUE}).")
    int otherStorePercent = 10;

    @Mixin
    StoreOption store = new StoreOption();

    @Mixin
    OutputDirectories output = new OutputDirectories();

    /** The scope explored a second time without visited-state hashing, and how deep. */
    static final String UNHASHED_SCOPE = "probe-shapes";
    static final int UNHASHED_DEPTH_MAX = 10;

    private RunReports reports;

    /** The outcome of one line of the verification. */
    record Case(String name, String kind, RunReport.Expectation expectation, RunReport.Outcome outcome, int seeds, long events, long wallNs,
            String detail) {
        boolean passed() {
            return outcome.ok();
        }
    }

    private static Case passing(String name, String kind, boolean violationFound, boolean clean, int seeds, long events, long wallNs,
            String detail) {
        return new Case(name, kind, RunReport.Expectation.PASS, RunReport.Outcome.grade(RunReport.Expectation.PASS, violationFound, clean), seeds,
                events, wallNs, detail);
    }

    private static Case catching(String name, String kind, boolean violationFound, int seeds, long events, long wallNs, String detail) {
        return new Case(name, kind, RunReport.Expectation.CATCH, RunReport.Outcome.grade(RunReport.Expectation.CATCH, violationFound, true), seeds,
                events, wallNs, detail);
    }

    /** A standard scenario: named, fixed parameters. */
    record Standard(String name, ScenarioParameters parameters) {}

    static List<Standard> standardScenarios() {
        return List.of(
                new Standard("one-monitor-commands-and-retries", fixed(1, 0, 0, 0)),
                new Standard("three-monitors", fixed(3, 0, 0, 0)),
                new Standard("store-failures", fixed(2, 10, 0, 0)),
                new Standard("crash-and-restart", fixed(2, 5, 5, 0)),
                new Standard("clock-jumps", fixed(2, 0, 0, 10)),
                new Standard("listeners-calling-back", fixed(2, 0, 0, 0).withListeners(true)),
                new Standard("pauses-and-closes", fixed(2, 0, 0, 0).withPausesAndCloses(10, 3)),
                new Standard("engine-limits-and-id-collisions",
                        ScenarioParameters.swarm().withEngineLimitsDrawn(true).withIdCollisionsDrawn(true)),
                // Prunings with store faults and wall-clock steps among them: by age, a step cuts deep or nothing.
                new Standard("history-pruning", fixed(2, 5, 0, 5).withPrunesDrawn(true)),
                // An id source that runs out, with store faults: which of the two a check meets first matters.
                new Standard("ids-run-out", fixed(2, 5, 0, 0).withIdCollisionsDrawn(true).withIdsRunOutDrawn(true)));
    }

    private static ScenarioParameters fixed(int monitors, int storeFailPercent, int crashPercent, int clockJumpPercent) {
        return new ScenarioParameters(Optional.of(monitors), ScenarioParameters.EVENTS_MAX_DEFAULT, Optional.of(storeFailPercent),
                Optional.of(crashPercent), Optional.of(clockJumpPercent), Optional.empty(), Optional.empty());
    }

    @Override
    public Integer call() {
        requirePositive("--seeds", seeds);
        requirePositive("--scenario-seeds", scenarioSeeds);
        requirePositive("--variant-seeds", variantSeeds);
        requirePositive("--determinism-seeds", determinismSeeds);
        requirePositive("--node-seeds", nodeSeeds);
        PrintStream out = System.out;
        String commit = CommitId.detect();
        List<Case> cases = new ArrayList<>();
        reports = new RunReports(commit, "vigil verify");
        EngineVariant real = Variants.byName(RealEngine.NAME);
        if (otherStorePercent < 0 || otherStorePercent > 100) {
            throw new IllegalArgumentException("--other-store-percent " + otherStorePercent + " must be within 0 … 100");
        }
        StoreKind other = store.store.other();
        int otherSeeds = otherStoreSeeds(seeds, otherStorePercent);
        out.println("vigil verify at commit " + commit + ", store " + store.store.label() + " (" + otherSeeds + " of the " + seeds
                + " random-swarm seeds on " + other.label() + ")");

        for (EngineVariant shipped : Variants.shipped()) {
            // The real engine's cases keep their plain names; another composition's are prefixed with its name.
            String prefix = shipped == real ? "" : shipped.name() + " ";
            for (Standard standard : standardScenarios()) {
                cases.add(passCase(out, prefix + standard.name(), "scenario", standard.parameters(), shipped, SeedRange.of(1, scenarioSeeds), false,
                        commit));
            }
            if (otherSeeds < seeds) {
                cases.add(passCase(out, prefix + "random-swarm", "random", ScenarioParameters.swarm(), shipped,
                        SeedRange.of(1_000_000, seeds - otherSeeds), false, commit));
            }
            if (otherSeeds > 0) {
                cases.add(passCase(out, prefix + "random-swarm on " + other.label(), "random", ScenarioParameters.swarm(), shipped,
                        SeedRange.of(1_000_000 + seeds - otherSeeds, otherSeeds), false, commit, other));
            }
            if (shipped == real) {
                // Determinism is the simulator's property: one composition shows it.
                cases.add(passCase(out, "determinism", "determinism", ScenarioParameters.swarm(), real, SeedRange.of(2_000_000, determinismSeeds),
                        true, commit));
            }
            for (var scope : ScopeSpec.standard().entrySet()) {
                // The large scope takes minutes: the real engine explores it, the fallback (which
                // shares every part but the checker) its smaller siblings.
                if (shipped == real || !scope.getKey().equals(ScopeSpec.LARGE)) {
                    cases.add(exploreCase(out, scope.getKey(), scope.getValue(), shipped, false, ExploreLimits.standard(), commit));
                }
            }
        }
        // Visited-state hashing must not hide a violation: one scope again without it (to a
        // depth a run without hashing can finish), where it must pass and its variant be caught.
        ExploreLimits unhashed = ExploreLimits.standard().withStateHashing(false).withDepthMax(UNHASHED_DEPTH_MAX);
        cases.add(exploreCase(out, UNHASHED_SCOPE, ScopeSpec.named(UNHASHED_SCOPE), real, false, unhashed, commit));
        for (EngineVariant variant : Variants.buggy()) {
            cases.add(catchCase(out, variant, commit));
            cases.add(exploreCase(out, variant.exploreScope(), ScopeSpec.named(variant.exploreScope()), variant, true, ExploreLimits.standard(),
                    commit));
            if (variant.exploreScope().equals(UNHASHED_SCOPE)) {
                cases.add(exploreCase(out, UNHASHED_SCOPE, ScopeSpec.named(UNHASHED_SCOPE), variant, true, unhashed, commit));
            }
        }

        // Several nodes on one store: the real composition keeps NI1-NI5, on both stores; every node variant is caught.
        cases.add(nodeCase(out, new NodeRunSettings(2, store.store, NodeVariant.REAL), nodeSeeds));
        cases.add(nodeCase(out, new NodeRunSettings(3, store.store, NodeVariant.REAL), Math.max(1, nodeSeeds / 2)));
        cases.add(nodeCase(out, new NodeRunSettings(2, other, NodeVariant.REAL), otherStoreSeeds(nodeSeeds, Math.max(otherStorePercent, 1))));
        // Users who also update, re-create and checkNow: held to NI1-NI6 without the node model, which has none of them.
        cases.add(nodeCase(out, new NodeRunSettings(2, store.store, NodeVariant.REAL, true), nodeSeeds));
        cases.add(nodeCase(out, new NodeRunSettings(3, store.store, NodeVariant.REAL, true), Math.max(1, nodeSeeds / 2)));
        for (NodeVariant variant : NodeVariant.buggyOnes()) {
            cases.add(variant.randomRunsCatch() ? nodeCase(out, new NodeRunSettings(2, store.store, variant, variant.needsEdits()), variantSeeds)
                    : nodeScriptCase(out, variant));
        }
        // The standard two-node scope explored on the real engines in lockstep with the node model; every node variant caught in it.
        cases.add(nodeExploreCase(out, NodeVariant.REAL));
        for (NodeVariant variant : NodeVariant.buggyOnes()) {
            if (!variant.needsEdits()) {
                cases.add(nodeExploreCase(out, variant));
            }
        }

        cases.add(coverageCase(out));

        out.println();
        out.println("SUMMARY");
        for (Case line : cases) {
            out.printf("  %-6s %-40s %-11s %6d runs %,9d events %6.1f s  %s%n", line.passed() ? "ok" : "FAIL", line.name(), line.kind(),
                    line.seeds(), line.events(), line.wallNs() / 1e9, line.detail());
        }
        boolean allPassed = cases.stream().allMatch(Case::passed);
        for (Case line : cases) {
            reports.addCase(new RunReport.CaseResult(line.name(), line.kind(), line.expectation(), line.outcome(),
                    line.seeds(), line.events(), line.kind().equals("scope") ? line.seeds() : 0, 0, 0, line.wallNs() / 1_000_000, line.detail(), ""));
        }
        reports.write(output.reportDirectory, "verify", out);
        out.println(allPassed ? "VERIFIED: the engine and its fallback passed, its nodes kept the node invariants, and every known-bug variant was caught" : "NOT VERIFIED");
        return allPassed ? VigilCommand.EXIT_PASSED : VigilCommand.EXIT_VIOLATION;
    }

    private Case passCase(PrintStream out, String name, String kind, ScenarioParameters parameters, EngineVariant variant, SeedRange range,
            boolean determinism, String commit) {
        return passCase(out, name, kind, parameters, variant, range, determinism, commit, store.store);
    }

    private Case passCase(PrintStream out, String name, String kind, ScenarioParameters parameters, EngineVariant variant, SeedRange range,
            boolean determinism, String commit, StoreKind asked) {
        out.println("- " + name + ": " + range.describe());
        StoreKind runStore = Lockstep.storeFor(variant, asked);
        SeedRunner.Summary summary = new SeedRunner(parameters, variant, determinism, System.err).withStore(runStore).run(range);
        reports.addCoverage(summary.coverage());
        if (determinism) {
            reports.addDeterminism(summary.seedsRun(), summary.determinismMismatches());
        }
        if (summary.failure().isEmpty()) {
            return passing(name, kind, false, true, summary.seedsRun(), summary.events(), summary.wallNs(),
                    determinism ? "same trace hash twice for every seed" : "no violation");
        }
        SeedRunner.Failure failure = summary.failure().get();
        if (failure.outcome().violation().isPresent()) {
            FailureReport.printViolation(out, failure.seed(), failure.outcome());
            FailureReport.Written written = FailureReport.shrinkAndWrite(out, output.traceDirectory, commit, variant, null, parameters, failure.seed(),
                    failure.outcome(), true, runStore);
            reports.addViolation(name, false, failure.seed(), written.shrunkOutcome(), FailureReport.replayCommand(written.shrunk()),
                    written.original(), written.shrunk());
        } else {
            out.println("  " + failure.reason());
        }
        return passing(name, kind, failure.outcome().violation().isPresent(), false, summary.seedsRun(), summary.events(), summary.wallNs(),
                failure.reason());
    }

    private Case catchCase(PrintStream out, EngineVariant variant, String commit) {
        out.println("- variant " + variant.name() + ": must be caught within " + variantSeeds + " seeds");
        ScenarioParameters parameters = ScenarioParameters.swarm();
        StoreKind runStore = store.forVariant(variant);
        SeedRunner.Summary summary = new SeedRunner(parameters, variant, false, System.err).withStore(runStore).run(SeedRange.of(1, variantSeeds));
        Optional<SeedRunner.Failure> caught = summary.failure().filter(failure -> failure.outcome().violation().isPresent());
        if (caught.isEmpty()) {
            return catching("variant " + variant.name(), "variant", false, summary.seedsRun(), summary.events(), summary.wallNs(),
                    "MISSED: not caught in " + summary.seedsRun() + " seeds");
        }
        SeedRunner.Failure failure = caught.get();
        FailureReport.Written written = FailureReport.shrinkAndWrite(new PrintStream(PrintStream.nullOutputStream()), output.traceDirectory, commit,
                variant, null, parameters, failure.seed(), failure.outcome(), true, runStore);
        String detail = "caught at seed " + failure.seed() + " (" + failure.outcome().violation().orElseThrow().kind() + "), shrunk to "
                + written.shrunkOutcome().events() + " events: " + FailureReport.replayCommand(written.shrunk());
        out.println("  " + detail);
        reports.addViolation("variant " + variant.name(), true, failure.seed(), written.shrunkOutcome(),
                FailureReport.replayCommand(written.shrunk()), written.original(), written.shrunk());
        return catching("variant " + variant.name(), "variant", true, summary.seedsRun(), summary.events(), summary.wallNs(), detail);
    }

    private Case exploreCase(PrintStream out, String scopeName, ScopeSpec scope, EngineVariant variant, boolean expectCatch, ExploreLimits limits,
            String commit) {
        String name = (expectCatch || !variant.name().equals(RealEngine.NAME) ? "explore " + variant.name() + " in " : "explore ") + scopeName
                + (limits.stateHashing() ? "" : " without hashing (depth " + limits.depthMax() + ")");
        out.println("- " + name + ": " + scope.describe());
        StoreKind exploreStore = store.forVariant(variant);
        Explorer.Result result = new Explorer(scope.toScope(), variant, limits, 0, 1, System.err, exploreStore).explore();
        String counts = String.format("%,d schedules, %,d states, %,d pruned by hashing, %,d by reduction, %,.0f schedules/s",
                result.schedules(), result.distinctStates(), result.prunedByHash(), result.prunedByReduction(), result.schedulesPerSecond());
        if (result.failure().isPresent()) {
            RunOutcome failing = result.failure().get().outcome();
            Path file = output.traceDirectory.resolve(variant.name() + "-explore-" + scopeName + (limits.stateHashing() ? "" : "-unhashed") + ".json");
            TraceFiles.write(Trace.ofSchedule(commit, variant.name(), null, scope, failing, null, exploreStore), file);
            String detail = (expectCatch ? "caught: " : "VIOLATION: ") + failing.violation().orElseThrow().headline() + " — "
                    + FailureReport.replayCommand(file);
            out.println("  " + detail);
            reports.addViolation(name, expectCatch, 0, failing, FailureReport.replayCommand(file), file, null);
            return expectCatch ? catching(name, "scope", true, (int) result.schedules(), failing.events(), result.wallNs(), detail)
                    : passing(name, "scope", true, true, (int) result.schedules(), failing.events(), result.wallNs(), detail);
        }
        if (expectCatch) {
            return catching(name, "scope", false, (int) result.schedules(), 0, result.wallNs(), "MISSED: " + counts);
        }
        out.println("  " + counts);
        return passing(name, "scope", false, result.complete(), (int) result.schedules(), result.transitions(), result.wallNs(),
                result.complete() ? counts : "INCOMPLETE: " + counts);
    }

    /** Multi-node random runs: the real composition must pass every seed, a buggy variant must be caught within them. */
    private Case nodeCase(PrintStream out, NodeRunSettings settings, int seedCount) {
        boolean expectCatch = settings.variant().buggy();
        String name = "nodes " + settings.variant().cliName() + ", " + settings.nodeCount() + " nodes"
                + (settings.store() == store.store ? "" : " on " + settings.store().label());
        out.println("- " + name + ": " + (expectCatch ? "must be caught within " : "") + seedCount + " seeds");
        NodeSeedRuns.Summary summary = new NodeSeedRuns(settings, System.err).run(1, seedCount);
        Optional<NodeRunResult> failure = summary.failure();
        String detail = failure.map(result -> (expectCatch ? "caught at seed " : "VIOLATION at seed ") + result.seed() + ": "
                + result.violation().orElseThrow().headline()).orElse(expectCatch ? "MISSED: not caught in " + summary.seedsRun() + " seeds"
                        : String.format("no violation; %,.0f steps/s", summary.stepsPerSecond()));
        out.println("  " + detail);
        return expectCatch ? catching(name, "nodes", failure.isPresent(), summary.seedsRun(), summary.events(), summary.wallNs(), detail)
                : passing(name, "nodes", failure.isPresent(), true, summary.seedsRun(), summary.events(), summary.wallNs(), detail);
    }

    /**
     * A node variant random runs reach too rarely, caught by the schedule written for it: the real
     * composition must keep every invariant on it, the variant must break one.
     */
    private Case nodeScriptCase(PrintStream out, NodeVariant variant) {
        String name = "nodes " + variant.cliName() + ", written schedule";
        out.println("- " + name + ": must be caught by a start and a stop elsewhere between two renewals of the owner");
        long startedNs = System.nanoTime();
        Optional<String> real = NodeScript.startedAndStoppedElsewhereBetweenTwoRenewals(NodeVariant.REAL);
        Optional<String> caught = NodeScript.startedAndStoppedElsewhereBetweenTwoRenewals(variant);
        long wallNs = System.nanoTime() - startedNs;
        String detail = real.map(violation -> "the real composition broke it: " + violation)
                .orElse(caught.map(violation -> "caught: " + violation).orElse("MISSED: the schedule kept every invariant"));
        out.println("  " + detail);
        return catching(name, "nodes", real.isEmpty() && caught.isPresent(), 2, 0, wallNs, detail);
    }

    /** The standard two-node scope explored: the real composition must pass every schedule, a buggy variant must break an invariant in one. */
    private Case nodeExploreCase(PrintStream out, NodeVariant variant) {
        boolean expectCatch = variant.buggy();
        NodeExploreScope scope = NodeExploreScope.twoNodes();
        String name = "explore " + scope.name() + ", " + variant.cliName();
        out.println("- " + name + ": " + (expectCatch ? "must be caught in " : "every schedule of ") + scope.describe());
        NodeExplorer.Result result = new NodeExplorer(scope, variant, store.store, true, System.err).explore();
        String counts = String.format("%,d schedules, %,d distinct states, %,d steps in lockstep with the node model", result.schedules(),
                result.distinctStates(), result.lockstepSteps());
        String detail = result.failure().map(failure -> (expectCatch ? "caught: " : "VIOLATION: ") + failure.violation().headline())
                .orElse(expectCatch ? "MISSED: not caught in " + counts : result.complete() ? counts : "INCOMPLETE: " + counts);
        out.println("  " + detail);
        return expectCatch ? catching(name, "scope", result.failure().isPresent(), (int) result.schedules(), result.transitions(), result.wallNs(), detail)
                : passing(name, "scope", result.failure().isPresent(), result.complete(), (int) result.schedules(), result.transitions(),
                        result.wallNs(), detail);
    }

    /**
     * The random runs together must reach every rule and every (status, event) pair that can
     * happen, and none the coverage table calls impossible (then the table or the engine is wrong).
     */
    private Case coverageCase(PrintStream out) {
        RunReport.Coverage coverage = reports.coverage();
        List<String> problems = new ArrayList<>();
        if (!coverage.rulesNeverReached().isEmpty()) {
            problems.add("rules never reached: " + String.join(", ", coverage.rulesNeverReached()));
        }
        if (!coverage.possiblePairsNeverReached().isEmpty()) {
            problems.add("pairs never reached: " + String.join(", ", coverage.possiblePairsNeverReached()));
        }
        if (!coverage.impossiblePairsReached().isEmpty()) {
            problems.add("pairs called impossible but reached: " + String.join(", ", coverage.impossiblePairsReached()));
        }
        String detail = problems.isEmpty() ? "every rule and every (status, event) pair that can happen was reached" : String.join("; ", problems);
        out.println("- coverage: " + detail);
        return passing("coverage", "coverage", false, problems.isEmpty(), 0, 0, 0, detail);
    }

    /** How many of {@code seeds} run on the other store: {@code percent} of them, rounded up so that any share above 0 runs one at least. */
    static int otherStoreSeeds(int seeds, int percent) {
        return (int) ((seeds * (long) percent + 99) / 100);
    }

    private static void requirePositive(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " " + value + " must be at least 1");
        }
    }
}
