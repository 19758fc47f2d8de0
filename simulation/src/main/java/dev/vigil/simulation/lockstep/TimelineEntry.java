package dev.vigil.simulation.lockstep;

/**
 * One event of a run as a person reads it: when, on which monitor, what.
 *
 * @param index     the event's position in the run, from 0
 * @param atMs      virtual time
 * @param monitorId the monitor it concerns, or empty for engine-wide events
 * @param operation the model's operation number it concerns, or 0
 * @param kind      command, timer, probe, fault
 * @param text      the model event's description, e.g. {@code attemptCompleted op#4 UP}
 */
public record TimelineEntry(int index, long atMs, String monitorId, int operation, String kind, String text) {
    public String line() {
        return String.format("#%-4d t=%8d ms  %-8s %s", index, atMs, kind, text);
    }
}
