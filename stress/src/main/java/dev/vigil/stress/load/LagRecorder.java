package dev.vigil.stress.load;

import java.util.Arrays;

/**
 * Collects latencies in microseconds, thread-safe, and answers percentiles over everything
 * recorded. Bounded: past {@link #SAMPLES_MAX} samples it keeps counting the maximum and the
 * total but stops storing (a run of the documented sizes stays far below).
 */
final class LagRecorder {
    static final int SAMPLES_MAX = 10_000_000;

    private long[] samplesUs = new long[1 << 16]; // guarded by this
    private int size; // guarded by this
    private long count; // guarded by this
    private long maxUs; // guarded by this

    synchronized void record(long lagUs) {
        count++;
        maxUs = Math.max(maxUs, lagUs);
        if (size == SAMPLES_MAX) {
            return;
        }
        if (size == samplesUs.length) {
            samplesUs = Arrays.copyOf(samplesUs, Math.min(SAMPLES_MAX, samplesUs.length * 2));
        }
        samplesUs[size++] = lagUs;
    }

    /** What was recorded so far. */
    synchronized Summary summary() {
        long[] sorted = Arrays.copyOf(samplesUs, size);
        Arrays.sort(sorted);
        return new Summary(count, percentile(sorted, 0.50), percentile(sorted, 0.99), maxUs);
    }

    private static long percentile(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(fraction * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** Percentiles in microseconds (nearest rank). */
    record Summary(long count, long p50Us, long p99Us, long maxUs) {
        double p50Ms() {
            return p50Us / 1000.0;
        }

        double p99Ms() {
            return p99Us / 1000.0;
        }

        double maxMs() {
            return maxUs / 1000.0;
        }
    }
}
