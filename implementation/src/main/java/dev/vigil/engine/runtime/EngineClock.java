package dev.vigil.engine.runtime;

/**
 * The engine's only source of time. Deadlines and timers use {@link #monotonicMs()}, which never
 * goes back; {@link #wallTimeMs()} only stamps records for people to read and may jump.
 */
public interface EngineClock {
    /** Milliseconds on a clock that never goes backwards; its origin is arbitrary. */
    long monotonicMs();

    /** Wall-clock milliseconds since the epoch, for timestamps shown to people. */
    long wallTimeMs();
}
