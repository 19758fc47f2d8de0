package dev.vigil.simulation.runner;

import dev.vigil.simulation.choice.RecordedChoices;
import dev.vigil.simulation.lockstep.Coverage;
import dev.vigil.simulation.lockstep.RunOutcome;
import dev.vigil.simulation.lockstep.Simulation;
import dev.vigil.simulation.scenario.ScenarioParameters;
import dev.vigil.simulation.variant.EngineVariant;
import java.io.PrintStream;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs many seeds, one after another, each a fresh deterministic simulation. Stops at the first
 * failing seed (the one worth shrinking) and reports progress on long runs.
 */
public final class SeedRunner {
    private static final long PROGRESS_EVERY_NS = 2_000_000_000L;

    private final ScenarioParameters parameters;
    private final EngineVariant variant;
    private final boolean checkDeterminism;
    private final PrintStream progress;

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

    /** @param progress where to print progress lines, or null for none */
    public SeedRunner(ScenarioParameters parameters, EngineVariant variant, boolean checkDeterminism, PrintStream progress) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.variant = Objects.requireNonNull(variant, "variant");
        this.checkDeterminism = checkDeterminism;
        this.progress = progress;
    }

    public RunOutcome runSeed(long seed) {
        return Simulation.run(parameters, variant, RecordedChoices.fromSeed(seed));
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
        for (long seed : range.seeds()) {
            RunOutcome outcome = runSeed(seed);
            seedsRun++;
            events += outcome.events();
            simulatedMs += outcome.simulatedMs();
            coverage.addAll(outcome.coverage());
            if (checkDeterminism) {
                RunOutcome again = runSeed(seed);
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
        return new Summary(seedsRun, events, simulatedMs, System.nanoTime() - startedNs, mismatches, Optional.ofNullable(failure), coverage);
    }
}
