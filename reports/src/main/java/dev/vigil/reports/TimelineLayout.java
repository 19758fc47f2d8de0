package dev.vigil.reports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where each part of a violation's timeline goes in its SVG drawing. The horizontal axis is the
 * events' order, one column per event: a shrunk trace usually has all its events at one or two
 * virtual times, so placing them by time would stack them on one spot. Time stays readable:
 * consecutive events of one virtual time share a shaded band labelled with that time, and the
 * time that passed between two bands is written at their border.
 */
final class TimelineLayout {
    static final int NAME_WIDTH_PX = 70;
    /** Narrow enough that a short trace fits a page, wide enough for an 18-character label line. */
    static final int COLUMN_WIDTH_MIN_PX = 128;
    static final int PLOT_WIDTH_MIN_PX = 1000;
    static final int AXIS_HEIGHT_PX = 40;
    private static final int OPERATION_ROW_PX = 14;
    private static final int LABEL_LINE_PX = 13;
    private static final int LABEL_LINES = 4;
    private static final double CHAR_WIDTH_PX = 6.2;
    private static final String ENGINE_LANE = "";

    private final RunReport.Timeline timeline;
    private final int firstIndex;
    private final double columnPx;
    private final int plotWidthPx;
    private final List<String> lanes = new ArrayList<>();
    private final Map<String, Integer> laneTop = new HashMap<>();
    private final Map<String, Integer> laneRows = new HashMap<>();
    private final Map<RunReport.OperationBar, Integer> barRow = new HashMap<>();
    private final int heightPx;

    private TimelineLayout(RunReport.Timeline timeline) {
        this.timeline = timeline;
        int count = timeline.events().size();
        this.firstIndex = timeline.events().getFirst().index();
        this.plotWidthPx = Math.max(PLOT_WIDTH_MIN_PX, count * COLUMN_WIDTH_MIN_PX);
        this.columnPx = (double) plotWidthPx / count;
        if (timeline.events().stream().anyMatch(event -> event.monitor().isEmpty())) {
            lanes.add(ENGINE_LANE);
        }
        lanes.addAll(timeline.lanes());
        placeOperations();
        int top = AXIS_HEIGHT_PX;
        for (String lane : lanes) {
            laneTop.put(lane, top);
            top += laneHeight(lane);
        }
        this.heightPx = top + 6;
    }

    static TimelineLayout of(RunReport.Timeline timeline) {
        if (timeline.events().isEmpty()) {
            throw new IllegalArgumentException("a timeline without events has no layout");
        }
        return new TimelineLayout(timeline);
    }

    /** The centre of an event's column; every event has its own column, so no two events share an x. */
    double x(int eventIndex) {
        return NAME_WIDTH_PX + (eventIndex - firstIndex + 0.5) * columnPx;
    }

    private double leftEdge() {
        return NAME_WIDTH_PX;
    }

    private double rightEdge() {
        return NAME_WIDTH_PX + plotWidthPx;
    }

    private int widthPx() {
        return NAME_WIDTH_PX + plotWidthPx + 10;
    }

    /** Operation bars of a lane go in rows, so that overlapping operations (a cancelled probe still out) both show. */
    private void placeOperations() {
        Map<String, List<double[]>> rowEnds = new LinkedHashMap<>();
        List<RunReport.OperationBar> bars = new ArrayList<>(timeline.operations());
        bars.sort((a, b) -> Double.compare(barFrom(a), barFrom(b)));
        for (RunReport.OperationBar bar : bars) {
            List<double[]> ends = rowEnds.computeIfAbsent(bar.monitor(), monitor -> new ArrayList<>());
            int row = 0;
            while (row < ends.size() && ends.get(row)[0] + 2 > barFrom(bar)) {
                row++;
            }
            if (row == ends.size()) {
                ends.add(new double[] {0});
            }
            ends.get(row)[0] = barFrom(bar) + barWidth(bar);
            barRow.put(bar, row);
        }
        rowEnds.forEach((monitor, ends) -> laneRows.put(monitor, ends.size()));
    }

    private double barFrom(RunReport.OperationBar bar) {
        return bar.fromEvent() < firstIndex ? leftEdge() : x(bar.fromEvent());
    }

    private double barWidth(RunReport.OperationBar bar) {
        double to = bar.toEvent() >= firstIndex + timeline.events().size() ? rightEdge() : x(bar.toEvent());
        return Math.max(8, to - barFrom(bar));
    }

    private int laneHeight(String lane) {
        return markerY(lane) + 12 + LABEL_LINES * LABEL_LINE_PX;
    }

    /** The marker's centre, relative to the lane's top. */
    private int markerY(String lane) {
        if (lane.equals(ENGINE_LANE)) {
            return 14;
        }
        return 20 + Math.max(1, laneRows.getOrDefault(lane, 0)) * OPERATION_ROW_PX + 10;
    }

    void draw(StringBuilder html) {
        html.append("<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(widthPx()).append("\" height=\"")
                .append(heightPx).append("\" viewBox=\"0 0 ").append(widthPx()).append(' ').append(heightPx).append("\">\n");
        timeBands(html);
        lanes(html);
        statuses(html);
        operations(html);
        // Under the events, so that the line does not strike through the divergent event's label.
        divergence(html);
        events(html);
        html.append("</svg>\n");
    }

    private void timeBands(StringBuilder html) {
        List<RunReport.TimelineEvent> events = timeline.events();
        int band = 0;
        for (int start = 0; start < events.size(); band++) {
            int end = start;
            while (end + 1 < events.size() && events.get(end + 1).atMs() == events.get(start).atMs()) {
                end++;
            }
            double from = x(events.get(start).index()) - columnPx / 2;
            double to = x(events.get(end).index()) + columnPx / 2;
            long atMs = events.get(start).atMs();
            html.append(String.format(Locale.ROOT, "<g class=\"time-band\" data-at-ms=\"%d\"><rect x=\"%.1f\" y=\"0\" width=\"%.1f\" height=\"%d\" "
                    + "fill=\"%s\"/><text class=\"time\" x=\"%.1f\" y=\"14\" text-anchor=\"middle\">t = %,d ms</text></g>%n", atMs, from, to - from,
                    heightPx, band % 2 == 0 ? "#f3f5f8" : "#e6ebf1", (from + to) / 2, atMs));
            if (start > 0) {
                long passedMs = atMs - events.get(start - 1).atMs();
                html.append(String.format(Locale.ROOT, "<text class=\"axis gap\" x=\"%.1f\" y=\"31\" text-anchor=\"middle\">+%,d ms</text>%n", from,
                        passedMs));
            }
            start = end + 1;
        }
    }

    private void lanes(StringBuilder html) {
        for (String lane : lanes) {
            int top = laneTop.get(lane);
            int bottom = top + laneHeight(lane);
            html.append("<g class=\"lane\" data-monitor=\"").append(Html.escape(lane.equals(ENGINE_LANE) ? "all" : lane)).append("\"><text class=\"name\" x=\"4\" y=\"")
                    .append(top + markerY(lane) + 4).append("\">").append(Html.escape(lane.equals(ENGINE_LANE) ? "all" : lane)).append("</text>")
                    .append(String.format(Locale.ROOT, "<line x1=\"0\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#c8d1da\"/></g>%n", bottom, widthPx(),
                            bottom));
        }
        for (RunReport.TimelineEvent event : timeline.events()) {
            html.append(String.format(Locale.ROOT, "<line class=\"column\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#d0d7de\" "
                    + "stroke-dasharray=\"2,3\"/>%n", x(event.index()), AXIS_HEIGHT_PX, x(event.index()), heightPx));
        }
    }

    private void statuses(StringBuilder html) {
        for (RunReport.StatusSegment segment : timeline.statuses()) {
            Integer top = laneTop.get(segment.monitor());
            if (top == null || segment.toEvent() < firstIndex) {
                continue;
            }
            double from = segment.fromEvent() < firstIndex ? leftEdge() : x(segment.fromEvent());
            double to = segment.toEvent() >= firstIndex + timeline.events().size() ? rightEdge() : x(segment.toEvent());
            rect(html, "status", from, top + 6, Math.max(2, to - from), 8, HtmlReport.STATUS_COLOURS.getOrDefault(segment.status(), "#999"),
                    segment.monitor() + " " + segment.status() + " from event " + segment.fromEvent() + " (" + segment.fromMs() + " ms) to event "
                            + segment.toEvent() + " (" + segment.toMs() + " ms)");
        }
    }

    private void operations(StringBuilder html) {
        for (RunReport.OperationBar bar : timeline.operations()) {
            Integer top = laneTop.get(bar.monitor());
            if (top == null) {
                continue;
            }
            int y = top + 20 + barRow.get(bar) * OPERATION_ROW_PX;
            double from = barFrom(bar);
            double width = barWidth(bar);
            rect(html, "operation", from, y, width, 11, HtmlReport.END_COLOURS.get(bar.end()), "op#" + bar.operation() + ": events " + bar.fromEvent()
                    + "–" + bar.toEvent() + ", " + bar.fromMs() + "–" + bar.toMs() + " ms, " + bar.end());
            if (width >= 36) {
                html.append(String.format(Locale.ROOT, "<text class=\"bar-label\" x=\"%.1f\" y=\"%d\">op#%d</text>%n", from + 3, y + 9,
                        bar.operation()));
            }
        }
    }

    /** Every event gets a marker in its lane and a label; its effects on other monitors are written in their lanes. */
    private void events(StringBuilder html) {
        int charsMax = (int) ((columnPx - 8) / CHAR_WIDTH_PX);
        for (RunReport.TimelineEvent event : timeline.events()) {
            String own = event.monitor();
            double x = x(event.index());
            for (String lane : lanes) {
                boolean owner = lane.equals(own);
                List<String> effects = lane.equals(ENGINE_LANE) ? List.of() : operationEffects(timeline, event.index(), lane);
                List<String> changes = event.statusChanges().stream().filter(change -> change.monitor().equals(lane))
                        .map(change -> change.from() + " → " + change.to()).toList();
                if (!owner && effects.isEmpty() && changes.isEmpty()) {
                    continue;
                }
                int y = laneTop.get(lane) + markerY(lane);
                html.append(String.format(Locale.ROOT, "<g class=\"%s\" data-event=\"%d\" data-at-ms=\"%d\" data-lane=\"%s\" transform=\"translate(%.1f,%d)\">",
                        owner ? "event" : "effect", event.index(), event.atMs(), Html.escape(lane.equals(ENGINE_LANE) ? "all" : lane), x, y));
                html.append("<title>").append(Html.escape(describe(event))).append("</title>");
                List<String> lines = new ArrayList<>();
                if (owner) {
                    marker(html, event.kind());
                    String[] words = event.text().split(" ", 2);
                    lines.add("#" + event.index() + " " + words[0]);
                    String rest = words.length > 1 ? words[1] : "";
                    if (!own.isEmpty()) {
                        rest = (own + " " + (rest.startsWith(own) ? rest.substring(own.length()).strip() : rest)).strip();
                    }
                    lines.add(rest);
                } else {
                    lines.add("#" + event.index() + " (" + event.text().split(" ", 2)[0] + ")");
                    lines.add("");
                }
                lines.add(String.join(", ", effects));
                lines.add(String.join(", ", changes));
                for (int line = 0; line < lines.size(); line++) {
                    if (lines.get(line).isEmpty()) {
                        continue;
                    }
                    String cssClass = line == 0 ? "name" : line == 3 ? "change" : "detail";
                    html.append(String.format(Locale.ROOT, "<text class=\"%s\" x=\"0\" y=\"%d\" text-anchor=\"middle\">%s</text>", cssClass,
                            20 + line * LABEL_LINE_PX, Html.escape(cut(lines.get(line), charsMax))));
                }
                html.append("</g>\n");
            }
        }
    }

    private static void marker(StringBuilder html, String kind) {
        switch (kind) {
            case "command" -> html.append("<polygon class=\"command\" points=\"0,-6 -6,5 6,5\" fill=\"#24292f\"/>");
            case "timer" -> html.append("<circle class=\"timer\" r=\"5.5\" fill=\"#fff\" stroke=\"#24292f\" stroke-width=\"2\"/>");
            case "probe" -> html.append("<polygon class=\"probe\" points=\"0,-6 6,0 0,6 -6,0\" fill=\"#1f6feb\"/>");
            default -> html.append("<rect class=\"fault\" x=\"-5\" y=\"-5\" width=\"10\" height=\"10\" fill=\"#d0392b\"/>");
        }
    }

    private void divergence(StringBuilder html) {
        RunReport.Divergence divergence = timeline.divergence();
        if (divergence == null || divergence.event() < firstIndex) {
            return;
        }
        double x = x(divergence.event());
        html.append(String.format(Locale.ROOT, "<line class=\"divergence\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#d0392b\" "
                + "stroke-width=\"2\" stroke-opacity=\"0.7\"><title>%s</title></line>%n", x, AXIS_HEIGHT_PX - 4, x, heightPx,
                Html.escape("diverged after event " + divergence.event() + " at " + divergence.atMs() + " ms: " + divergence.description())));
        html.append(String.format(Locale.ROOT, "<text class=\"diverged\" x=\"%.1f\" y=\"31\" text-anchor=\"middle\">diverged</text>%n", x));
    }

    /** What an event did to operations (of one monitor, or of all when {@code monitor} is null): started and ended ones. */
    static List<String> operationEffects(RunReport.Timeline timeline, int eventIndex, String monitor) {
        List<String> effects = new ArrayList<>();
        for (RunReport.OperationBar bar : timeline.operations()) {
            if (monitor != null && !bar.monitor().equals(monitor)) {
                continue;
            }
            if (bar.fromEvent() == eventIndex) {
                effects.add("starts op#" + bar.operation());
            }
            if (bar.toEvent() == eventIndex && bar.end() != RunReport.OperationEnd.OPEN) {
                effects.add("op#" + bar.operation() + " " + bar.end().name().toLowerCase(Locale.ROOT));
            }
        }
        return effects;
    }

    private static String describe(RunReport.TimelineEvent event) {
        return "#" + event.index() + " at " + event.atMs() + " ms, " + event.kind() + ": " + event.text()
                + (event.monitor().isEmpty() ? "" : " (monitor " + event.monitor() + ")")
                + (event.operation() == 0 ? "" : " (op#" + event.operation() + ")");
    }

    private static String cut(String text, int charsMax) {
        return text.length() <= charsMax ? text : text.substring(0, Math.max(1, charsMax - 1)) + "…";
    }

    private static void rect(StringBuilder html, String cssClass, double x, int y, double width, int height, String fill, String title) {
        html.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>%n",
                cssClass, x, y, width, height, fill, Html.escape(title)));
    }
}
