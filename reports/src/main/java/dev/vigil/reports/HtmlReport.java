package dev.vigil.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One self-contained HTML page per run: inline CSS and SVG, no script, no network. Sections (by
 * id): {@code verdict}, {@code cases}, {@code coverage}, {@code throughput}, {@code violations};
 * each violation has a timeline with one swim lane per monitor along virtual time.
 */
public final class HtmlReport {
    private static final int LANE_HEIGHT_PX = 46;
    private static final int LABEL_WIDTH_PX = 70;
    private static final int PLOT_WIDTH_PX = 1000;
    private static final Map<String, String> STATUS_COLOURS = Map.of("PENDING", "#b0b0b0", "UP", "#2e9d4f", "DOWN", "#d0392b", "PAUSED", "#555b66");
    private static final Map<RunReport.OperationEnd, String> END_COLOURS = Map.of(
            RunReport.OperationEnd.APPLIED, "#1f6feb", RunReport.OperationEnd.DISCARDED, "#9a6700", RunReport.OperationEnd.CANCELLED,
            "#8250df", RunReport.OperationEnd.DEADLINE, "#cf222e", RunReport.OperationEnd.OPEN, "#57606a");

    private HtmlReport() {
    }

    public static Path write(RunReport report, Path directory, String baseName) {
        Path file = directory.resolve(baseName + ".html");
        try {
            Files.createDirectories(directory);
            Files.writeString(file, render(report), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    static String render(RunReport report) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Vigil — ").append(Html.escape(report.command()))
                .append("</title>\n<style>\n").append(CSS).append("</style></head><body>\n");
        verdict(html, report);
        cases(html, report);
        coverage(html, report);
        throughput(html, report);
        violations(html, report);
        html.append("</body></html>\n");
        return html.toString();
    }

    private static void verdict(StringBuilder html, RunReport report) {
        String grade = report.verdict().name().toLowerCase(Locale.ROOT);
        long failed = report.cases().stream().filter(result -> !result.outcome().ok()).count();
        html.append("<section id=\"verdict\" class=\"").append(grade).append("\"><h1>Vigil: ").append(report.verdict()).append("</h1>\n<p>")
                .append(Html.escape(report.command())).append(" — commit <code>").append(Html.escape(report.commit())).append("</code>, started ")
                .append(Html.escape(report.startedAt())).append(String.format(Locale.ROOT, ", %.1f s", report.wallTimeMs() / 1000.0))
                .append("</p>\n<p>").append(report.cases().size()).append(" cases, ").append(failed).append(" failed, ")
                .append(report.violations().size()).append(" violation(s) recorded; determinism: ")
                .append(report.determinism().seedsChecked()).append(" seeds run twice, ").append(report.determinism().mismatches())
                .append(" differed.</p></section>\n");
    }

    private static void cases(StringBuilder html, RunReport report) {
        html.append("<section id=\"cases\"><h2>Scenarios, scopes and variants</h2>\n<table><tr><th>case</th><th>kind</th><th>expected</th>"
                + "<th>outcome</th><th>runs</th><th>events</th><th>states</th><th>time</th><th>detail</th></tr>\n");
        for (RunReport.CaseResult result : report.cases()) {
            html.append("<tr class=\"").append(result.outcome().ok() ? "ok" : "bad").append("\"><td>").append(Html.escape(result.name()))
                    .append("</td><td>").append(Html.escape(result.kind())).append("</td><td>").append(result.expectation())
                    .append("</td><td>").append(result.outcome()).append("</td><td>").append(String.format(Locale.ROOT, "%,d", result.runs()))
                    .append("</td><td>").append(String.format(Locale.ROOT, "%,d", result.events())).append("</td><td>")
                    .append(result.states() == 0 ? "" : String.format(Locale.ROOT, "%,d", result.states())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f s", result.wallMs() / 1000.0)).append("</td><td>").append(Html.escape(result.detail()))
                    .append("</td></tr>\n");
        }
        html.append("</table></section>\n");
    }

    private static void coverage(StringBuilder html, RunReport report) {
        RunReport.Coverage coverage = report.coverage();
        html.append("<section id=\"coverage\"><h2>Coverage of the contract</h2>\n<h3>Rules</h3><table class=\"rules\"><tr>");
        for (String rule : RunReport.Coverage.RULES) {
            long count = coverage.rules().getOrDefault(rule, 0L);
            html.append("<td class=\"").append(count == 0 ? "never" : "hit").append("\"><b>").append(rule).append("</b><br>")
                    .append(count == 0 ? "never reached" : String.format(Locale.ROOT, "%,d", count)).append("</td>");
        }
        html.append("</tr></table>\n");
        List<String> never = coverage.rulesNeverReached();
        html.append("<p>").append(never.isEmpty() ? "Every rule was exercised." : "Never reached: " + Html.escape(String.join(", ", never)))
                .append("</p>\n<h3>Events by the status of their monitor</h3><table class=\"pairs\"><tr><th>event \\ status</th>");
        for (String status : RunReport.Coverage.STATUSES) {
            html.append("<th>").append(status).append("</th>");
        }
        html.append("</tr>\n");
        for (String event : RunReport.Coverage.EVENTS) {
            html.append("<tr><th>").append(event).append("</th>");
            for (String status : RunReport.Coverage.STATUSES) {
                long count = coverage.statusEvents().getOrDefault(status + "|" + event, 0L);
                html.append("<td class=\"").append(count == 0 ? "never" : "hit").append("\">")
                        .append(count == 0 ? "never" : String.format(Locale.ROOT, "%,d", count)).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table><p class=\"note\">Some pairs cannot happen (a tick on a paused monitor); \"never\" marks what no run reached.</p></section>\n");
    }

    private static void throughput(StringBuilder html, RunReport report) {
        RunReport.Throughput rates = report.throughput();
        html.append("<section id=\"throughput\"><h2>Throughput</h2><table><tr><th>events per second</th><th>schedules per second</th>"
                + "<th>simulated seconds per wall second</th></tr><tr>")
                .append(String.format(Locale.ROOT, "<td>%,.0f</td><td>%,.0f</td><td>%,.0f</td>", rates.eventsPerSecond(), rates.schedulesPerSecond(),
                        rates.simulatedSecondsPerWallSecond()))
                .append("</tr></table></section>\n");
    }

    private static void violations(StringBuilder html, RunReport report) {
        html.append("<section id=\"violations\"><h2>Violations</h2>\n");
        if (report.violations().isEmpty()) {
            html.append("<p>None.</p>");
        }
        for (RunReport.ViolationReport violation : report.violations()) {
            html.append("<article class=\"violation").append(violation.expected() ? " expected" : "").append("\"><h3>")
                    .append(Html.escape(violation.caseName())).append(violation.expected() ? " — expected catch" : " — FAILURE").append("</h3>\n<p>")
                    .append(Html.escape(violation.kind())).append(" after event ").append(violation.eventIndex()).append(": <code>")
                    .append(Html.escape(violation.event())).append("</code>").append(violation.seed() > 0 ? " (seed " + violation.seed() + ")" : "")
                    .append("</p>\n<div class=\"pair\">");
            timeline(html, violation.timeline());
            html.append("<div class=\"diff\"><h4>engine vs model</h4><ul>");
            for (String line : violation.details()) {
                html.append("<li>").append(Html.escape(line)).append("</li>");
            }
            html.append("</ul></div></div>\n<p>Replay:</p><pre class=\"replay\"><code>").append(Html.escape(violation.replayCommand()))
                    .append("</code></pre>\n</article>\n");
        }
        html.append("</section>\n");
    }

    private static void timeline(StringBuilder html, RunReport.Timeline timeline) {
        List<String> lanes = timeline.lanes();
        long endMs = Math.max(1, timeline.endMs());
        int height = Math.max(1, lanes.size()) * LANE_HEIGHT_PX + 24;
        int width = LABEL_WIDTH_PX + PLOT_WIDTH_PX + 10;
        html.append("<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\">\n");
        for (int lane = 0; lane < lanes.size(); lane++) {
            int top = lane * LANE_HEIGHT_PX;
            html.append("<g class=\"lane\" data-monitor=\"").append(Html.escape(lanes.get(lane))).append("\"><text x=\"4\" y=\"")
                    .append(top + 26).append("\">").append(Html.escape(lanes.get(lane))).append("</text><line x1=\"").append(LABEL_WIDTH_PX)
                    .append("\" y1=\"").append(top + LANE_HEIGHT_PX).append("\" x2=\"").append(width).append("\" y2=\"").append(top + LANE_HEIGHT_PX)
                    .append("\" stroke=\"#ddd\"/></g>\n");
        }
        for (RunReport.StatusSegment segment : timeline.statuses()) {
            int lane = lanes.indexOf(segment.monitor());
            if (lane < 0) {
                continue;
            }
            rect(html, "status", x(segment.fromMs(), endMs), lane * LANE_HEIGHT_PX + 4, width(segment.fromMs(), segment.toMs(), endMs), 8,
                    STATUS_COLOURS.getOrDefault(segment.status(), "#999"), segment.monitor() + " " + segment.status() + " from " + segment.fromMs()
                            + " ms to " + segment.toMs() + " ms");
        }
        for (RunReport.OperationBar bar : timeline.operations()) {
            int lane = lanes.indexOf(bar.monitor());
            if (lane < 0) {
                continue;
            }
            rect(html, "operation", x(bar.fromMs(), endMs), lane * LANE_HEIGHT_PX + 16, width(bar.fromMs(), bar.toMs(), endMs), 12,
                    END_COLOURS.get(bar.end()), "op#" + bar.operation() + " " + bar.fromMs() + "–" + bar.toMs() + " ms, " + bar.end());
        }
        for (RunReport.CommandMarker marker : timeline.commands()) {
            List<Integer> targets = marker.monitor().isEmpty() ? java.util.stream.IntStream.range(0, lanes.size()).boxed().toList()
                    : List.of(lanes.indexOf(marker.monitor()));
            for (int lane : targets) {
                if (lane < 0) {
                    continue;
                }
                double x = x(marker.atMs(), endMs);
                int y = lane * LANE_HEIGHT_PX + 32;
                html.append(String.format(Locale.ROOT, "<polygon class=\"command\" points=\"%.1f,%d %.1f,%d %.1f,%d\" fill=\"#24292f\"><title>%s</title></polygon>%n",
                        x, y, x - 5, y + 10, x + 5, y + 10, Html.escape(marker.name() + " at " + marker.atMs() + " ms")));
            }
        }
        RunReport.Divergence divergence = timeline.divergence();
        if (divergence != null) {
            double x = x(divergence.atMs(), endMs);
            html.append(String.format(Locale.ROOT, "<line class=\"divergence\" x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%d\" stroke=\"#d0392b\" stroke-width=\"3\">"
                    + "<title>%s</title></line>%n", x, x, height - 20, Html.escape("diverged at " + divergence.atMs() + " ms: " + divergence.description())));
        }
        html.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"axis\">0 ms</text><text x=\"%d\" y=\"%d\" class=\"axis\" text-anchor=\"end\">%,d ms</text>%n",
                LABEL_WIDTH_PX, height - 4, width - 4, height - 4, endMs));
        html.append("</svg>\n");
    }

    private static void rect(StringBuilder html, String cssClass, double x, int y, double width, int height, String fill, String title) {
        html.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>%n",
                cssClass, x, y, width, height, fill, Html.escape(title)));
    }

    private static double x(long atMs, long endMs) {
        return LABEL_WIDTH_PX + PLOT_WIDTH_PX * (double) Math.min(atMs, endMs) / endMs;
    }

    private static double width(long fromMs, long toMs, long endMs) {
        return Math.max(3, PLOT_WIDTH_PX * (double) (Math.min(toMs, endMs) - Math.min(fromMs, endMs)) / endMs);
    }

    private static final String CSS = """
            body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #24292f; max-width: 1200px; }
            h1 { margin: 0 0 4px; } section { margin-bottom: 28px; }
            #verdict { padding: 12px 16px; border-radius: 6px; } #verdict.passed { background: #dafbe1; } #verdict.failed, #verdict.error { background: #ffebe9; }
            table { border-collapse: collapse; } td, th { border: 1px solid #d0d7de; padding: 3px 8px; text-align: left; vertical-align: top; }
            tr.bad td { background: #ffebe9; } td.never { background: #fff8c5; color: #7d4e00; } td.hit { color: #116329; }
            .note { color: #57606a; font-size: 12px; }
            article.violation { border: 2px solid #d0392b; border-radius: 6px; padding: 8px 12px; margin-bottom: 16px; }
            article.violation.expected { border-color: #9a6700; }
            .pair { display: flex; gap: 16px; align-items: flex-start; flex-wrap: wrap; } .diff { max-width: 420px; }
            svg.timeline text { font: 12px system-ui, sans-serif; } svg.timeline .axis { fill: #57606a; font-size: 11px; }
            pre.replay { background: #f6f8fa; padding: 8px; border-radius: 4px; user-select: all; }
            """;
}
