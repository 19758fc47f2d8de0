package dev.vigil.simulation.runner;

import dev.vigil.simulation.choice.RecordedChoices;
import dev.vigil.simulation.lockstep.Coverage;
import dev.vigil.simulation.lockstep.RunOutcome;
import dev.vigil.simulation.lockstep.Simulation;
import dev.vigil.simulation.scenario.ScenarioParameters;
import dev.vigil.simulation.store.StoreKind;
import dev.vigil.simulation.variant.EngineVariant;
import java.io.PrintStream;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs many seeds, each a fresh deterministic simulation, on one or more threads. Results are
 * taken in seed order whatever the number of threads, so a run stops at the same first failing
 * seed (the one worth shrinking) with the same totals as a run on one thread; progress lines on
 * long runs come from the one thread that takes them.
 */
public final class SeedRunner {
    private static final long PROGRESS_EVERY_NS = 2_000_000_000L;

    private final ScenarioParameters parameters;
    private final EngineVariant variant;
    private final boolean checkDeterminism;
    private final PrintStream progress;
    private final int jobs;
    private final StoreKind store;

    /** What a batch of seeds did. */
    public record Summary(int seedsRun, long events, long simulatedMs, long wallNs, int determinismMismatches,
            Optional<Failure> failure, Coverage coverage) {

        public double eventsPerSecond() {
            return wallNs == 0 ? 0 : events * 1e9 / wallNs;
        }

        public double simulatedSecondsPerWallSecond() {
            return wallNs == 0 ? 0 : simulatedMs * 1e6 / wallNs;
        }
    }

    /** The first seed that failed, and how. */
    public record Failure(long seed, RunOutcome outcome, String reason) {}

    /** One seed's run, and its second run when determinism is checked (else null). */
    private record SeedRun(long seed, RunOutcome outcome, RunOutcome again) {}

    /** @param progress where to print progress lines, or null for none */
    public SeedRunner(ScenarioParameters parameters, EngineVariant variant, boolean checkDeterminism, PrintStream progress) {
        this(parameters, variant, checkDeterminism, progress, 1);
    }

    /**
     * @param progress where to print progress lines, or null for none
     * @param jobs threads that run seeds, at least 1; the variant must then be safe to share between them
     *     (every built-in one is: they keep no state of their own)
     */
    public SeedRunner(ScenarioParameters parameters, EngineVariant variant, boolean checkDeterminism, PrintStream progress, int jobs) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs = " + jobs + " must be at least 1");
        }
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.variant = Objects.requireNonNull(variant, "variant");
        this.checkDeterminism = checkDeterminism;
        this.progress = progress;
        this.jobs = jobs;
        this.store = StoreKind.MEMORY;
    }

    private SeedRunner(SeedRunner runner, StoreKind store) {
        this.parameters = runner.parameters;
        this.variant = runner.variant;
        this.checkDeterminism = runner.checkDeterminism;
        this.progress = runner.progress;
        this.jobs = runner.jobs;
        this.store = Objects.requireNonNull(store, "store");
    }

    /** This runner on {@code store} (the in-memory one unless told). */
    public SeedRunner withStore(StoreKind store) {
        return new SeedRunner(this, store);
    }

    public RunOutcome runSeed(long seed) {
        return Simulation.run(parameters, variant, RecordedChoices.fromSeed(seed), store);
    }

    private SeedRun runOnce(long seed) {
        RunOutcome outcome = runSeed(seed);
        return new SeedRun(seed, outcome, checkDeterminism ? runSeed(seed) : null);
    }

    public Summary run(SeedRange range) {
        long startedNs = System.nanoTime();
        long lastProgressNs = startedNs;
        int seedsRun = 0;
        long events = 0;
        long simulatedMs = 0;
        int mismatches = 0;
        Coverage coverage = new Coverage();
        Failure failure = null;
        int total = range.seeds().size();
        try (OrderedSeedRuns<SeedRun> runs = new OrderedSeedRuns<>(range.seeds(), jobs, this::runOnce)) {
            while (runs.hasNext()) {
                SeedRun run = runs.next();
                long seed = run.seed();
                RunOutcome outcome = run.outcome();
                seedsRun++;
                events += outcome.events();
                simulatedMs += outcome.simulatedMs();
                coverage.addAll(outcome.coverage());
                if (checkDeterminism) {
                    RunOutcome again = run.again();
                    if (!again.traceHash().equals(outcome.traceHash())) {
                        mismatches++;
                        failure = new Failure(seed, outcome, "non-determinism detected: seed " + seed + " gave trace hashes "
                                + outcome.traceHash().substring(0, 12) + " and " + again.traceHash().substring(0, 12));
                        break;
                    }
                }
                if (outcome.failed()) {
                    failure = new Failure(seed, outcome, outcome.violation().orElseThrow().headline());
                    break;
                }
                long nowNs = System.nanoTime();
                if (progress != null && nowNs - lastProgressNs >= PROGRESS_EVERY_NS) {
                    lastProgressNs = nowNs;
                    double seconds = (nowNs - startedNs) / 1e9;
                    progress.printf("  … %d/%d seeds, %,d events, %,d simulated s, %,.0f events/s%n",
                            seedsRun, total, events, simulatedMs / 1000, events / seconds);
                }
            }
        }
        return new Summary(seedsRun, events, simulatedMs, System.nanoTime() - startedNs, mismatches, Optional.ofNullable(failure), coverage);
    }
}
