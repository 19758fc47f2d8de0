package dev.vigil.simulation.cli;

import dev.vigil.reports.RunReport;
import dev.vigil.simulation.lockstep.RunOutcome;
import dev.vigil.simulation.report.RunReports;
import dev.vigil.simulation.runner.SeedRange;
import dev.vigil.simulation.runner.SeedRunner;
import dev.vigil.simulation.scenario.ScenarioParameters;
import dev.vigil.simulation.store.StoreKind;
import dev.vigil.simulation.variant.EngineVariant;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vigil run}: random seeds against the model; stops, shrinks and writes traces at the first violation. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run random seeds of the engine in lockstep with the model; exit 1 with a shrunk, replayable trace on a violation.")
final class RunCommand implements Callable<Integer> {
    /** More threads than this would only queue behind each other and hold their runs' memory. */
    static final int JOBS_MAX = 256;

    @Mixin
    ScenarioOptions scenario;

    @Mixin
    ShardOption shard = new ShardOption();

    @Mixin
    StoreOption store = new StoreOption();

    @Mixin
    OutputDirectories output = new OutputDirectories();

    @Option(names = "--seeds", paramLabel = "N", description = "How many seeds (default ${DEFAULT-VALUE}).")
    int seeds = 100;

    @Option(names = "--seed-start", paramLabel = "S", description = "The first seed (default ${DEFAULT-VALUE}).")
    long seedStart = 1;


    @Option(names = "--jobs", paramLabel = "N",
            description = "Threads that run seeds, 1…" + JOBS_MAX + " (default: the available processors, here ${DEFAULT-VALUE}). "
                    + "Results, reports, output and exit code are those of --jobs 1; only the wall time differs.")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = "--check-determinism", description = "Run every seed twice and fail if the trace hashes differ.")
    boolean checkDeterminism;

    @Option(names = "--no-shrink", description = "Write the failing trace without shrinking it.")
    boolean noShrink;


    @Option(names = "--bench", description = "Measure instead: 100 monitors at 30 s over one simulated day, lockstep on; prints figures.")
    boolean bench;

    @Option(names = "--bench-hours", paramLabel = "H", description = "With --bench: simulate only the first H hours of the day, 1…24 (default ${DEFAULT-VALUE}).")
    int benchHours = Bench.HOURS_MAX;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        if (bench) {
            if (benchHours < 1 || benchHours > Bench.HOURS_MAX) {
                System.err.println("vigil run: --bench-hours = " + benchHours + " must be within 1 … " + Bench.HOURS_MAX);
                return VigilCommand.EXIT_USAGE;
            }
            return new Bench(out, benchHours, store.store).run();
        }
        if (jobs < 1 || jobs > JOBS_MAX) {
            System.err.println("vigil run: --jobs = " + jobs + " must be within 1 … " + JOBS_MAX + " (threads that run seeds)");
            return VigilCommand.EXIT_USAGE;
        }
        ScenarioParameters parameters = scenario.parameters();
        EngineVariant variant = scenario.variant();
        SeedRange range = shard.apply(SeedRange.of(seedStart, seeds));
        StoreKind runStore = store.forVariant(variant);
        out.println("vigil run: variant " + variant.name() + ", seeds " + range.describe() + ", " + parameters.eventsMax() + " events each"
                + ", store " + runStore.label() + (runStore != store.store ? " (the variant writes SQL)" : "")
                + (checkDeterminism ? ", determinism checked" : ""));
        if (jobs > 1) {
            // Standard error, beside the progress lines: standard output stays the same whatever --jobs is.
            System.err.println("vigil run: seeds on " + jobs + " threads, results taken in seed order");
        }
        RunReports reports = new RunReports(CommitId.detect(), "vigil run --variant " + variant.name() + " --seeds " + seeds);
        SeedRunner.Summary summary = new SeedRunner(parameters, variant, checkDeterminism, System.err, jobs).withStore(runStore).run(range);
        reports.addCoverage(summary.coverage());
        if (checkDeterminism) {
            reports.addDeterminism(summary.seedsRun(), summary.determinismMismatches());
        }
        // Named after the whole range, not the shard: the shards' cases then merge into one case, the unsplit run's.
        String caseName = "random " + variant.name() + " " + range.describeWhole();
        boolean expectCatch = variant.buggy();
        RunReport.Expectation expectation = expectCatch ? RunReport.Expectation.CATCH : RunReport.Expectation.PASS;
        boolean violationFound = summary.failure().filter(failure -> failure.outcome().violation().isPresent()).isPresent();
        RunReport.Outcome grade = RunReport.Outcome.grade(expectation, violationFound, summary.failure().isEmpty() || violationFound);
        reports.addCase(new RunReport.CaseResult(caseName, "random", expectation, grade,
                summary.seedsRun(), summary.events(), 0, 0, summary.simulatedMs(), summary.wallNs() / 1_000_000,
                summary.failure().map(SeedRunner.Failure::reason).orElse("no violation"), ""));
        out.printf("%d seeds, %,d events, %,d simulated s in %.1f s wall: %,.0f events/s, %,.0f simulated s per wall s%n",
                summary.seedsRun(), summary.events(), summary.simulatedMs() / 1000, summary.wallNs() / 1e9, summary.eventsPerSecond(),
                summary.simulatedSecondsPerWallSecond());
        if (checkDeterminism) {
            out.println("determinism: " + (summary.determinismMismatches() == 0 ? "every seed gave the same trace hash twice"
                    : summary.determinismMismatches() + " seed(s) differed"));
        }
        if (summary.failure().isEmpty()) {
            reports.write(output.reportDirectory, "run", out);
            out.println("PASSED: no violation");
            return VigilCommand.EXIT_PASSED;
        }
        SeedRunner.Failure failure = summary.failure().get();
        if (failure.outcome().violation().isEmpty()) {
            reports.write(output.reportDirectory, "run", out);
            out.println("FAILED: " + failure.reason());
            return VigilCommand.EXIT_VIOLATION;
        }
        out.println();
        FailureReport.printViolation(out, failure.seed(), failure.outcome());
        out.println();
        FailureReport.Written written = FailureReport.shrinkAndWrite(out, output.traceDirectory, CommitId.detect(), variant, scenario.variants.variantClass,
                parameters, failure.seed(), failure.outcome(), !noShrink, runStore);
        RunOutcome shown = written.shrunkOutcome() != null ? written.shrunkOutcome() : failure.outcome();
        Path replayable = written.shrunk() != null ? written.shrunk() : written.original();
        reports.addViolation(caseName, expectCatch, failure.seed(), shown, FailureReport.replayCommand(replayable), written.original(),
                written.shrunk());
        reports.write(output.reportDirectory, "run", out);
        out.println("FAILED after " + summary.seedsRun() + " seed(s)");
        return VigilCommand.EXIT_VIOLATION;
    }
}
