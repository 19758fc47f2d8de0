package dev.vigil.simulation.lockstep;

/**
 * Bounds and checking depth of one run.
 *
 * @param eventsMax        events after which the run ends
 * @param simulatedMsMax   virtual time after which the run ends
 * @param fullCompareEvery compare the whole observable view every this many events (1: after
 *                         every event); between those, compare the monitors the event touched,
 *                         the registry, the timers and the new events
 * @param historyTail      history records per monitor compared in a focused comparison (with the
 *                         history's size); whole comparisons compare all of it
 */
public record RunLimits(int eventsMax, long simulatedMsMax, int fullCompareEvery, int historyTail) {
    public RunLimits {
        if (eventsMax < 1) {
            throw new IllegalArgumentException("eventsMax = " + eventsMax + " must be >= 1");
        }
        if (simulatedMsMax < 1) {
            throw new IllegalArgumentException("simulatedMsMax = " + simulatedMsMax + " must be >= 1");
        }
        if (fullCompareEvery < 1) {
            throw new IllegalArgumentException("fullCompareEvery = " + fullCompareEvery + " must be >= 1");
        }
        if (historyTail < 1) {
            throw new IllegalArgumentException("historyTail = " + historyTail + " must be >= 1");
        }
    }

    /** Every event compared in full, ending after {@code eventsMax} events. */
    public static RunLimits exhaustive(int eventsMax) {
        return new RunLimits(eventsMax, Long.MAX_VALUE, 1, Integer.MAX_VALUE);
    }
}
