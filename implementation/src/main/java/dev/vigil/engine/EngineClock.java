package dev.vigil.engine;

import java.util.concurrent.TimeUnit;

/**
 * The engine's only source of time. Deadlines and timers use {@link #monotonicMs()}, which never
 * goes back; {@link #wallTimeMs()} only stamps records for people to read and may jump.
 */
public interface EngineClock {
    /**
     * Time for deadlines and timers.
     *
     * @return milliseconds on a clock that never goes backwards; its origin is arbitrary
     */
    long monotonicMs();

    /**
     * Time for timestamps shown to people.
     *
     * @return wall-clock milliseconds since the epoch
     */
    long wallTimeMs();

    /**
     * Time for measuring how long something took, finer than {@link #monotonicMs()}: same clock,
     * same origin. By default the milliseconds scaled, so a clock that counts whole milliseconds
     * (a simulator's) needs nothing more.
     *
     * @return nanoseconds on the monotonic clock
     */
    default long monotonicNs() {
        return Math.multiplyExact(monotonicMs(), 1_000_000L);
    }

    /**
     * The JVM's clocks: {@link System#nanoTime()} for monotonic time, counted from this call, and
     * {@link System#currentTimeMillis()} for wall time. What the production runtime runs on, and
     * what a probe of your own can give {@code Probes.standard} to delegate to the standard probes.
     *
     * @return a new clock whose monotonic time starts at 0 now
     */
    static EngineClock system() {
        long originNs = System.nanoTime();
        return new EngineClock() {
            @Override
            public long monotonicMs() {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - originNs);
            }

            @Override
            public long wallTimeMs() {
                return System.currentTimeMillis();
            }

            @Override
            public long monotonicNs() {
                return System.nanoTime() - originNs;
            }
        };
    }
}
