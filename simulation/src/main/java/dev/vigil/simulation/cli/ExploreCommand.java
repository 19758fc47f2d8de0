package dev.vigil.simulation.cli;

import dev.vigil.model.Outcome;
import dev.vigil.reports.RunReport;
import dev.vigil.simulation.explore.ExploreLimits;
import dev.vigil.simulation.explore.Explorer;
import dev.vigil.simulation.explore.ParallelExplorer;
import dev.vigil.simulation.explore.Reduction;
import dev.vigil.simulation.explore.ScopeSpec;
import dev.vigil.simulation.lockstep.RunOutcome;
import dev.vigil.simulation.report.RunReports;
import dev.vigil.simulation.runner.SeedRange;
import dev.vigil.simulation.store.StoreKind;
import dev.vigil.simulation.trace.Trace;
import dev.vigil.simulation.trace.TraceFiles;
import dev.vigil.simulation.variant.EngineVariant;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vigil explore}: every schedule of a bounded scope, each in lockstep with the model. */
@Command(name = "explore", mixinStandardHelpOptions = true,
        description = "Explore every schedule of a bounded scope on the real engine in lockstep with the model (exit 1 on a violation).")
final class ExploreCommand implements Callable<Integer> {
    @Option(names = "--scope", paramLabel = "NAME",
            description = "A named scope: a standard one or three-monitors (${COMPLETION-CANDIDATES}). Without it, the scope options below.",
            completionCandidates = StandardScopeNames.class)
    String scopeName;

    @Option(names = "--monitors", paramLabel = "K", description = "Monitors m1…mK (1…3, default ${DEFAULT-VALUE}).")
    int monitors = 1;

    @Option(names = "--commands", paramLabel = "C", description = "Commands per monitor, add included (1…6, default ${DEFAULT-VALUE}).")
    int commands = 3;

    @Option(names = "--retries", paramLabel = "R", description = "Retry attempts of every monitor (0…2, default ${DEFAULT-VALUE}).")
    int retries = 1;

    @Option(names = "--store-faults", paramLabel = "F", description = "Store failures in scope (0…2, default ${DEFAULT-VALUE}).")
    int storeFaults;

    @Option(names = "--crashes", paramLabel = "X", description = "Crashes in scope, each restartable (0…2, default ${DEFAULT-VALUE}).")
    int crashes;

    @Option(names = "--clock-jumps", paramLabel = "J",
            description = "Wall-clock jumps in scope, an hour back or forward each (0…2, default ${DEFAULT-VALUE}).")
    int clockJumps;

    @Option(names = "--outcomes", paramLabel = "LIST", description = "Probe outcomes, e.g. UP,DOWN,THROW (default ${DEFAULT-VALUE}).")
    String outcomes = "UP,DOWN";

    @Option(names = "--updates", description = "Put update in scope (to the other retry count).")
    boolean updates;

    @Option(names = "--pauses", paramLabel = "P", description = "Process pauses in scope, each making due timers fire late (0…2, default ${DEFAULT-VALUE}).")
    int pauses;

    @Option(names = "--closes", paramLabel = "N", description = "Graceful closes in scope, each restartable (0…2, default ${DEFAULT-VALUE}).")
    int closes;

    @Option(names = "--foreign-recovers", paramLabel = "N",
            description = "Recoveries run by another engine on the same store, each emptying every stored operation list (0…2, default ${DEFAULT-VALUE}).")
    int foreignRecovers;

    @Option(names = "--listener", paramLabel = "TRIGGER:ON:REACTION:TARGET[:throws]",
            description = "A listener that calls a command back, e.g. check_completed:m1:check_now:m2 (repeatable).")
    List<String> listeners = new ArrayList<>();

    @Option(names = "--no-bulk", description = "Leave startAll and stopAll out of the scope.")
    boolean noBulk;

    @Option(names = "--reduction", paramLabel = "none|sleep|dpor",
            description = "How reorderings of independent events are skipped: sleep (sleep sets, the default), dpor (source-set DPOR"
                    + " with sleep sets) or none, to show the reduction side by side. All three reach the same distinct states.")
    String reduction = Reduction.SLEEP.label();

    @Option(names = "--no-reduction", description = "The same as --reduction none.")
    boolean noReduction;

    @Option(names = "--model-only",
            description = "Walk the model's tree without the engine: the same schedules, states and pruning counts, nothing checked"
                    + " (to measure a reduction in seconds). Exits 0 when the tree was walked completely.")
    boolean modelOnly;

    @Option(names = "--no-hashing", description = "Explore without visited-state hashing.")
    boolean noHashing;

    @Option(names = "--depth-max", paramLabel = "D", description = "Events per schedule at most (default ${DEFAULT-VALUE}).")
    int depthMax = ExploreLimits.DEPTH_MAX_DEFAULT;

    @Option(names = "--schedules-max", paramLabel = "N", description = "Schedules at most (default ${DEFAULT-VALUE}).")
    long schedulesMax = ExploreLimits.SCHEDULES_MAX_DEFAULT;

    @Option(names = "--visited-states-max", paramLabel = "N",
            description = "Abstract states remembered for hashing at most; beyond it states are explored but not remembered (default ${DEFAULT-VALUE}).")
    int visitedStatesMax = ExploreLimits.VISITED_STATES_MAX_DEFAULT;

    @Option(names = "--jobs", paramLabel = "N",
            description = "Threads, 1…" + RunCommand.JOBS_MAX + " (default ${DEFAULT-VALUE}): the subtrees are split between them the way"
                    + " --shard splits them between processes, and they share one visited-state set. The states reached and the"
                    + " verdict are those of --jobs 1; the schedule and pruning counts vary with the threads' timing.")
    int jobs = 1;


    @Mixin
    ShardOption shard = new ShardOption();

    @Mixin
    VariantOptions variants = new VariantOptions();

    @Mixin
    StoreOption store = new StoreOption();

    @Mixin
    OutputDirectories output = new OutputDirectories();

    @Override
    public Integer call() {
        PrintStream out = System.out;
        ScopeSpec scope = scopeName != null ? ScopeSpec.named(scopeName)
                : new ScopeSpec(monitors, commands, retries, storeFaults, crashes, parseOutcomes(outcomes), !noBulk, clockJumps, updates, pauses,
                        closes, listeners.stream().map(ScopeSpec::parseListener).toList(), foreignRecovers);
        if (jobs < 1 || jobs > RunCommand.JOBS_MAX) {
            System.err.println("vigil explore: --jobs = " + jobs + " must be within 1 … " + RunCommand.JOBS_MAX + " (threads that explore)");
            return VigilCommand.EXIT_USAGE;
        }
        Reduction chosenReduction;
        try {
            chosenReduction = noReduction ? Reduction.NONE : Reduction.parse(reduction);
        } catch (IllegalArgumentException e) {
            System.err.println("vigil explore: " + e.getMessage());
            return VigilCommand.EXIT_USAGE;
        }
        EngineVariant chosen = variants.variant();
        StoreKind exploreStore = store.forVariant(chosen);
        SeedRange shardRange = shard.apply(SeedRange.of(0, 1_000_000));
        ExploreLimits limits = new ExploreLimits(depthMax, schedulesMax, chosenReduction, !noHashing, ExploreLimits.SPLIT_DEPTH_DEFAULT,
                visitedStatesMax);
        out.println("vigil explore: " + (scopeName != null ? scopeName + " = " : "") + scope.describe() + "; variant " + chosen.name()
                + "; store " + exploreStore.label()
                + "; reduction " + chosenReduction.label() + (noHashing ? "; no hashing" : "") + (modelOnly ? "; model only" : "")
                + (shardRange.shardCount() > 1 ? "; shard " + (shardRange.shardIndex() + 1) + "/" + shardRange.shardCount() : "")
                + (jobs > 1 ? "; " + jobs + " jobs (progress lines show the first)" : ""));
        if (modelOnly) {
            Explorer.Result walked = Explorer.modelOnly(scope.toScope(), limits, System.err).explore();
            print(out, walked);
            out.println(walked.complete() ? "WALKED: the model's whole tree, nothing checked"
                    : "INCOMPLETE: stopped at --schedules-max " + schedulesMax);
            return walked.complete() ? VigilCommand.EXIT_PASSED : VigilCommand.EXIT_VIOLATION;
        }
        // Before the search: the report's start and wall time are the command's, not the printing's.
        RunReports reports = new RunReports(CommitId.detect(), "vigil explore " + (scopeName != null ? "--scope " + scopeName : scope.describe()));
        Explorer.Result result = new ParallelExplorer(scope.toScope(), chosen, limits, shardRange.shardIndex(), shardRange.shardCount(),
                jobs, System.err, exploreStore).explore();
        print(out, result);
        String caseName = "explore " + chosen.name() + " in " + (scopeName != null ? scopeName : "custom scope");
        boolean expectCatch = chosen.buggy();
        RunReport.Expectation expectation = expectCatch ? RunReport.Expectation.CATCH : RunReport.Expectation.PASS;
        RunReport.Outcome grade = RunReport.Outcome.grade(expectation, result.failure().isPresent(), result.complete());
        reports.addCase(new RunReport.CaseResult(caseName, "scope", expectation, grade,
                result.schedules(), result.transitions(), result.schedules(), result.distinctStates(), 0, result.wallNs() / 1_000_000,
                String.format(Locale.ROOT, "%,d pruned by hashing, %,d by reduction", result.prunedByHash(), result.prunedByReduction()), ""));
        if (result.failure().isPresent()) {
            RunOutcome failing = result.failure().get().outcome();
            out.println();
            out.println("VIOLATION " + failing.violation().orElseThrow().headline());
            failing.violation().orElseThrow().details().forEach(line -> out.println("  " + line));
            FailureReport.printTimeline(out, failing.timeline(), Integer.MAX_VALUE);
            String base = chosen.name() + "-explore-" + (scopeName != null ? scopeName : "custom");
            Path file = output.traceDirectory.resolve(base + ".json");
            TraceFiles.write(Trace.ofSchedule(CommitId.detect(), chosen.name(), variants.variantClass, scope, failing, null, exploreStore), file);
            out.println("trace written: " + file);
            out.println("replay: " + FailureReport.replayCommand(file) + "   shrink: ./vigil shrink " + file);
            reports.addViolation(caseName, expectCatch, 0, failing, FailureReport.replayCommand(file), file, null);
            reports.write(output.reportDirectory, "explore", out);
            return VigilCommand.EXIT_VIOLATION;
        }
        reports.write(output.reportDirectory, "explore", out);
        out.println(result.complete() ? "PASSED: every schedule of the scope explored, no violation"
                : "INCOMPLETE: stopped at --schedules-max " + schedulesMax + " with no violation so far");
        return result.complete() ? VigilCommand.EXIT_PASSED : VigilCommand.EXIT_VIOLATION;
    }

    static void print(PrintStream out, Explorer.Result result) {
        out.printf("schedules            %,d%n", result.schedules());
        out.printf("distinct states      %,d%n", result.distinctStates());
        out.printf("transitions          %,d%n", result.transitions());
        out.printf("pruned by hashing    %,d%n", result.prunedByHash());
        out.printf("pruned by reduction  %,d%n", result.prunedByReduction());
        if (result.statesNotRemembered() > 0) {
            out.printf("not remembered       %,d (the visited-state bound was full: explored without pruning)%n", result.statesNotRemembered());
        }
        out.printf("time                 %.1f s%n", result.wallNs() / 1e9);
        out.printf("schedules per second %,.0f%n", result.schedulesPerSecond());
    }

    private static List<Outcome> parseOutcomes(String text) {
        List<Outcome> parsed = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                parsed.add(Outcome.valueOf(part.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--outcomes '" + text + "': '" + part.strip() + "' is not one of "
                        + List.of(Outcome.values()));
            }
        }
        return parsed;
    }

    /** The named scopes, standard first, for the help text. */
    static final class StandardScopeNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            List<String> names = new ArrayList<>(ScopeSpec.standard().keySet());
            names.addAll(ScopeSpec.extra().keySet());
            return names.iterator();
        }
    }
}
