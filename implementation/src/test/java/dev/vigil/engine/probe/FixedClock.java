package dev.vigil.engine.probe;

import dev.vigil.engine.EngineClock;

/** A clock that stands still: response times read 0, wall time is what the test says. */
record FixedClock(long wallTimeMs) implements EngineClock {
    static final FixedClock EPOCH = new FixedClock(0);

    @Override
    public long monotonicMs() {
        return 0;
    }
}
