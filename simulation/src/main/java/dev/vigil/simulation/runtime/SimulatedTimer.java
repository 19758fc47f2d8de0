package dev.vigil.simulation.runtime;

import dev.vigil.engine.spi.TimerKind;

/**
 * A timer in the simulated queue, ordered by (due time, sequence number) so that equal due
 * times keep their scheduling order unless the scheduler picks otherwise.
 */
public record SimulatedTimer(long dueAtMs, long sequence, TimerKind kind, String monitorId, String operationId, Runnable task)
        implements Comparable<SimulatedTimer> {

    @Override
    public int compareTo(SimulatedTimer other) {
        int byDue = Long.compare(dueAtMs, other.dueAtMs);
        return byDue != 0 ? byDue : Long.compare(sequence, other.sequence);
    }

    public String describe() {
        return kind + " " + monitorId + (operationId == null ? "" : " " + operationId) + " @" + dueAtMs;
    }
}
