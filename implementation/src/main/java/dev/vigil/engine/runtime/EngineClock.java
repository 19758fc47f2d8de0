package dev.vigil.engine.runtime;

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
}
