package dev.vigil.simulation.report;

import dev.vigil.reports.RunReport;
import dev.vigil.simulation.lockstep.RunOutcome;
import dev.vigil.simulation.lockstep.TimelineEntry;
import dev.vigil.simulation.lockstep.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns a run's timeline into the report's drawing: lanes, the events in order, operation bars
 * and status segments placed by event, the divergence.
 */
public final class TimelineDrawing {
    /**
     * The most events drawn. The drawing gives every event its own column, so an unshrunk run of
     * thousands of events would make a page nobody reads; the divergence is at the end, so the
     * last events are the ones kept, and the trace file keeps all of them.
     */
    public static final int EVENTS_DRAWN_MAX = 200;

    private TimelineDrawing() {
    }

    public static RunReport.Timeline of(RunOutcome outcome) {
        List<TimelineEntry> entries = outcome.timeline();
        int firstDrawn = Math.max(0, entries.size() - EVENTS_DRAWN_MAX);
        int pastLast = entries.isEmpty() ? 0 : entries.getLast().index() + 1;
        long endMs = entries.isEmpty() ? 1 : entries.getLast().atMs() + 1;
        TreeSet<String> lanes = new TreeSet<>();
        List<RunReport.TimelineEvent> events = new ArrayList<>();
        List<RunReport.OperationBar> bars = new ArrayList<>();
        Map<Integer, TimelineEntry> openedBy = new LinkedHashMap<>();
        Map<Integer, String> openMonitor = new LinkedHashMap<>();
        Map<String, TimelineEntry> statusSince = new LinkedHashMap<>();
        Map<String, String> statusNow = new LinkedHashMap<>();
        List<RunReport.StatusSegment> statuses = new ArrayList<>();
        for (int position = 0; position < entries.size(); position++) {
            TimelineEntry entry = entries.get(position);
            boolean drawn = position >= firstDrawn;
            if (!entry.monitorId().isEmpty() && !statusNow.containsKey(entry.monitorId())) {
                statusNow.put(entry.monitorId(), "PAUSED");
                statusSince.put(entry.monitorId(), entry);
            }
            for (TimelineEntry.OperationMark mark : entry.started()) {
                openedBy.put(mark.operation(), entry);
                openMonitor.put(mark.operation(), mark.monitorId());
            }
            for (TimelineEntry.OperationMark mark : entry.ended()) {
                TimelineEntry from = openedBy.remove(mark.operation());
                String monitor = openMonitor.remove(mark.operation());
                if (drawn) {
                    bars.add(new RunReport.OperationBar(monitor != null ? monitor : mark.monitorId(), mark.operation(),
                            from == null ? 0 : from.index(), entry.index(), from == null ? 0 : from.atMs(), entry.atMs(),
                            RunReport.OperationEnd.valueOf(mark.end())));
                }
            }
            for (TimelineEntry.StatusMark mark : entry.statuses()) {
                TimelineEntry since = statusSince.get(mark.monitorId());
                if (drawn) {
                    statuses.add(new RunReport.StatusSegment(mark.monitorId(), since == null ? entry.index() : since.index(), entry.index(),
                            since == null ? entry.atMs() : since.atMs(), entry.atMs(), mark.from()));
                }
                statusSince.put(mark.monitorId(), entry);
                statusNow.put(mark.monitorId(), mark.to());
            }
            if (drawn) {
                events.add(event(entry));
                if (!entry.monitorId().isEmpty()) {
                    lanes.add(entry.monitorId());
                }
                entry.started().forEach(mark -> lanes.add(mark.monitorId()));
                entry.ended().forEach(mark -> lanes.add(mark.monitorId()));
                entry.statuses().forEach(mark -> lanes.add(mark.monitorId()));
            }
        }
        openedBy.forEach((operation, from) -> bars.add(new RunReport.OperationBar(openMonitor.get(operation), operation, from.index(), pastLast,
                from.atMs(), endMs, RunReport.OperationEnd.OPEN)));
        statusNow.forEach((monitor, status) -> statuses.add(new RunReport.StatusSegment(monitor, statusSince.get(monitor).index(), pastLast,
                statusSince.get(monitor).atMs(), endMs, status)));
        // A monitor whose status or operation reaches into the drawn events needs its lane even
        // if none of its own events is drawn.
        bars.forEach(bar -> lanes.add(bar.monitor()));
        statuses.stream().filter(segment -> segment.toEvent() > firstDrawn).forEach(segment -> lanes.add(segment.monitor()));
        lanes.remove("");
        RunReport.Divergence divergence = outcome.violation().map(v -> divergence(entries, v)).orElse(null);
        return new RunReport.Timeline(List.copyOf(lanes), endMs, firstDrawn, events, bars, statuses, divergence);
    }

    private static RunReport.TimelineEvent event(TimelineEntry entry) {
        List<RunReport.StatusChange> changes = entry.statuses().stream()
                .map(mark -> new RunReport.StatusChange(mark.monitorId(), mark.from(), mark.to())).toList();
        return new RunReport.TimelineEvent(entry.index(), entry.atMs(), entry.monitorId(), entry.operation(), entry.kind(), entry.text(), changes);
    }

    private static RunReport.Divergence divergence(List<TimelineEntry> entries, Violation violation) {
        TimelineEntry at = violation.eventIndex() < entries.size() ? entries.get(violation.eventIndex()) : entries.getLast();
        return new RunReport.Divergence(at.index(), at.atMs(), at.monitorId(), at.text());
    }
}
