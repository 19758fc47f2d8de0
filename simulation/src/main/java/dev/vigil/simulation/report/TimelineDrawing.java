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

/** Turns a run's timeline into the report's drawing: lanes, operation bars, command markers, status bands, the divergence. */
public final class TimelineDrawing {
    private TimelineDrawing() {
    }

    public static RunReport.Timeline of(RunOutcome outcome) {
        List<TimelineEntry> entries = outcome.timeline();
        TreeSet<String> lanes = new TreeSet<>();
        entries.forEach(entry -> {
            if (!entry.monitorId().isEmpty()) {
                lanes.add(entry.monitorId());
            }
            entry.started().forEach(mark -> lanes.add(mark.monitorId()));
            entry.statuses().forEach(mark -> lanes.add(mark.monitorId()));
        });
        lanes.remove("");
        long endMs = entries.isEmpty() ? 1 : entries.getLast().atMs() + 1;
        List<RunReport.OperationBar> bars = new ArrayList<>();
        List<RunReport.CommandMarker> commands = new ArrayList<>();
        Map<Integer, long[]> open = new LinkedHashMap<>();
        Map<Integer, String> openMonitor = new LinkedHashMap<>();
        Map<String, Long> statusSince = new LinkedHashMap<>();
        Map<String, String> statusNow = new LinkedHashMap<>();
        List<RunReport.StatusSegment> statuses = new ArrayList<>();
        for (TimelineEntry entry : entries) {
            if (entry.kind().equals("command") || entry.kind().equals("fault")) {
                commands.add(new RunReport.CommandMarker(entry.monitorId(), entry.atMs(), entry.text()));
            }
            if (!entry.monitorId().isEmpty() && !statusNow.containsKey(entry.monitorId())) {
                statusNow.put(entry.monitorId(), "PAUSED");
                statusSince.put(entry.monitorId(), entry.atMs());
            }
            for (TimelineEntry.OperationMark mark : entry.started()) {
                open.put(mark.operation(), new long[] {entry.atMs()});
                openMonitor.put(mark.operation(), mark.monitorId());
            }
            for (TimelineEntry.OperationMark mark : entry.ended()) {
                long[] from = open.remove(mark.operation());
                String monitor = openMonitor.remove(mark.operation());
                bars.add(new RunReport.OperationBar(monitor != null ? monitor : mark.monitorId(), mark.operation(), from == null ? 0 : from[0],
                        entry.atMs(), RunReport.OperationEnd.valueOf(mark.end())));
            }
            for (TimelineEntry.StatusMark mark : entry.statuses()) {
                long since = statusSince.getOrDefault(mark.monitorId(), 0L);
                statuses.add(new RunReport.StatusSegment(mark.monitorId(), since, entry.atMs(), mark.from()));
                statusSince.put(mark.monitorId(), entry.atMs());
                statusNow.put(mark.monitorId(), mark.to());
            }
        }
        open.forEach((operation, from) -> bars.add(new RunReport.OperationBar(openMonitor.get(operation), operation, from[0], endMs,
                RunReport.OperationEnd.OPEN)));
        statusNow.forEach((monitor, status) -> statuses.add(new RunReport.StatusSegment(monitor, statusSince.get(monitor), endMs, status)));
        RunReport.Divergence divergence = outcome.violation().map(v -> divergence(entries, v)).orElse(null);
        return new RunReport.Timeline(List.copyOf(lanes), endMs, bars, commands, statuses, divergence);
    }

    private static RunReport.Divergence divergence(List<TimelineEntry> entries, Violation violation) {
        TimelineEntry at = violation.eventIndex() < entries.size() ? entries.get(violation.eventIndex()) : entries.getLast();
        return new RunReport.Divergence(at.atMs(), at.monitorId(), at.text());
    }
}
