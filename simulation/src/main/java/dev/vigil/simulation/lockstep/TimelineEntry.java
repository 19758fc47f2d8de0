package dev.vigil.simulation.lockstep;

import java.util.List;

/**
 * One event of a run as a person reads it: when, on which monitor, what, and what it changed.
 *
 * @param index     the event's position in the run, from 0
 * @param atMs      virtual time
 * @param monitorId the monitor it concerns, or empty for engine-wide events
 * @param operation the model's operation number it concerns, or 0
 * @param kind      command, timer, probe, fault
 * @param text      the model event's description, e.g. {@code attemptCompleted op#4 UP}
 * @param started   operations that entered the registry with this event
 * @param ended     operations that left it, and how
 * @param statuses  status changes this event committed
 */
public record TimelineEntry(int index, long atMs, String monitorId, int operation, String kind, String text, List<OperationMark> started,
        List<OperationMark> ended, List<StatusMark> statuses) {

    /** An operation of a monitor; {@code end} is APPLIED, DISCARDED, CANCELLED or DEADLINE for ended ones, empty for started ones. */
    public record OperationMark(String monitorId, int operation, String end) {}

    /** A committed status change. */
    public record StatusMark(String monitorId, String from, String to) {}

    public TimelineEntry {
        started = List.copyOf(started);
        ended = List.copyOf(ended);
        statuses = List.copyOf(statuses);
    }

    /** {@code String.format("#%-4d t=%8d ms  %-8s %s", index, atMs, kind, text)}, without parsing the format on every event. */
    public String line() {
        StringBuilder line = new StringBuilder(32 + kind.length() + text.length()).append('#');
        padRight(line, Integer.toString(index), 4);
        line.append(" t=");
        String at = Long.toString(atMs);
        line.repeat(' ', Math.max(0, 8 - at.length())).append(at).append(" ms  ");
        padRight(line, kind, 8);
        return line.append(' ').append(text).toString();
    }

    private static void padRight(StringBuilder line, String value, int width) {
        line.append(value).repeat(' ', Math.max(0, width - value.length()));
    }
}
