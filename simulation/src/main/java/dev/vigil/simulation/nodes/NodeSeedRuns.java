package dev.vigil.simulation.nodes;

import java.io.PrintStream;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs consecutive seeds of one {@link NodeRunSettings}, stopping at the first that breaks an
 * invariant, and tells progress on a long run every {@value #PROGRESS_EVERY_MS} ms of wall time.
 */
public final class NodeSeedRuns {
    static final long PROGRESS_EVERY_MS = 5_000;

    private final NodeRunSettings settings;
    private final PrintStream progress;

    /**
     * Runs of {@code settings}.
     *
     * @param settings what runs
     * @param progress where progress lines go
     */
    public NodeSeedRuns(NodeRunSettings settings, PrintStream progress) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * What a range of seeds did.
     *
     * @param seedsRun seeds run, the failing one included
     * @param steps    schedule steps over all of them
     * @param events   engine events over all of them
     * @param wallNs   wall time taken
     * @param failure  the first seed that broke an invariant, if any
     */
    public record Summary(int seedsRun, long steps, long events, long wallNs, Optional<NodeRunResult> failure) {
        /** Schedule steps per second of wall time. */
        public double stepsPerSecond() {
            return wallNs == 0 ? 0 : steps * 1e9 / wallNs;
        }

        /** Engine events per second of wall time. */
        public double eventsPerSecond() {
            return wallNs == 0 ? 0 : events * 1e9 / wallNs;
        }
    }

    /**
     * Runs seeds {@code firstSeed} … {@code firstSeed + count - 1}.
     *
     * @param firstSeed the first seed
     * @param count     how many, at least 1
     * @return the summary
     */
    public Summary run(long firstSeed, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("--seeds " + count + " must be at least 1");
        }
        NodeRunner runner = new NodeRunner(settings);
        long startNs = System.nanoTime();
        long lastProgressNs = startNs;
        long steps = 0;
        long events = 0;
        for (int i = 0; i < count; i++) {
            NodeRunResult result = runner.run(firstSeed + i);
            steps += result.steps();
            events += result.events();
            if (!result.passed()) {
                return new Summary(i + 1, steps, events, System.nanoTime() - startNs, Optional.of(result));
            }
            long nowNs = System.nanoTime();
            if (nowNs - lastProgressNs >= PROGRESS_EVERY_MS * 1_000_000) {
                lastProgressNs = nowNs;
                progress.printf("  … %d of %d seeds (%s), %.0f s%n", i + 1, count, settings.describe(), (nowNs - startNs) / 1e9);
            }
        }
        return new Summary(count, steps, events, System.nanoTime() - startNs, Optional.empty());
    }
}
