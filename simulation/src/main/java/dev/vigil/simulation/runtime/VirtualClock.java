package dev.vigil.simulation.runtime;

import dev.vigil.engine.EngineClock;

/**
 * Simulated time: starts at 0 and moves only when the simulator advances it. It outlives engine
 * incarnations, so a restarted engine sees time go on. The wall clock is the monotonic clock plus
 * an offset that a clock-jump fault may change; deadlines never read it.
 */
public final class VirtualClock implements EngineClock {
    private long nowMs;
    private long wallOffsetMs;

    @Override
    public long monotonicMs() {
        return nowMs;
    }

    @Override
    public long wallTimeMs() {
        return nowMs + wallOffsetMs;
    }

    /** Moves time forward to {@code targetMs}; time never goes back. */
    public void advanceTo(long targetMs) {
        if (targetMs < nowMs) {
            throw new IllegalStateException("virtual time cannot go back: now " + nowMs + " ms, asked for " + targetMs + " ms");
        }
        nowMs = targetMs;
    }

    /** Jumps the wall clock by {@code deltaMs} (either way); the monotonic clock is unaffected. */
    public void jumpWallClock(long deltaMs) {
        wallOffsetMs += deltaMs;
    }

    public long wallOffsetMs() {
        return wallOffsetMs;
    }
}
