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
 * each violation has a timeline with one swim lane per monitor, its events in order along the
 * horizontal axis and labelled with their virtual times, and a table of the same events.
 */
public final class HtmlReport {
    static final Map<String, String> STATUS_COLOURS = Map.of("PENDING", "#b0b0b0", "UP", "#2e9d4f", "DOWN", "#d0392b", "PAUSED", "#555b66");
    static final Map<RunReport.OperationEnd, String> END_COLOURS = Map.of(
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
                String pair = status + "|" + event;
                long count = coverage.statusEvents().getOrDefault(pair, 0L);
                String impossible = RunReport.Coverage.IMPOSSIBLE.get(pair);
                if (impossible != null && count == 0) {
                    html.append("<td class=\"impossible\" title=\"").append(Html.escape(impossible)).append("\">—</td>");
                } else {
                    html.append("<td class=\"").append(count == 0 || impossible != null ? "never" : "hit").append("\">")
                            .append(count == 0 ? "never" : String.format(Locale.ROOT, "%,d", count)).append("</td>");
                }
            }
            html.append("</tr>\n");
        }
        List<String> unreached = coverage.possiblePairsNeverReached();
        List<String> contradicted = coverage.impossiblePairsReached();
        html.append("</table><p class=\"note\">\u2014 marks a pair that cannot happen (hover for why); \"never\" marks a pair that can"
                + " happen and no run reached.</p>\n<p>")
                .append(unreached.isEmpty() ? "Every pair that can happen was reached." : "Never reached: " + Html.escape(String.join(", ", unreached)))
                .append(contradicted.isEmpty() ? "" : " Reached although called impossible: " + Html.escape(String.join(", ", contradicted)))
                .append("</p></section>\n");
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
        html.append("<div class=\"timeline\">");
        if (timeline.events().isEmpty()) {
            html.append("<p>No events to draw.</p></div>");
            return;
        }
        if (timeline.eventsOmitted() > 0) {
            html.append("<p class=\"note\">The first ").append(timeline.eventsOmitted()).append(" events are not drawn; the trace file holds the whole run.</p>");
        }
        TimelineLayout layout = TimelineLayout.of(timeline);
        html.append("<div class=\"timeline-scroll\">");
        layout.draw(html);
        html.append("</div>\n<p class=\"note\">Events in their order, evenly spaced: the axis is not to scale. Each shaded band holds the events"
                + " of one virtual time, written above it; +N ms between two bands is the time that passed. Bars are operations, coloured by how"
                + " they ended; the strip at the top of a lane is the monitor's status.</p>\n");
        legend(html);
        events(html, timeline);
        html.append("</div>");
    }

    private static void legend(StringBuilder html) {
        html.append("<p class=\"legend\">status: ");
        for (String status : List.of("PENDING", "UP", "DOWN", "PAUSED")) {
            html.append("<span class=\"swatch\" style=\"background:").append(STATUS_COLOURS.get(status)).append("\"></span>").append(status).append(' ');
        }
        html.append(" — operation: ");
        for (RunReport.OperationEnd end : RunReport.OperationEnd.values()) {
            html.append("<span class=\"swatch\" style=\"background:").append(END_COLOURS.get(end)).append("\"></span>")
                    .append(end.name().toLowerCase(Locale.ROOT)).append(' ');
        }
        html.append(" — ▲ command ● timer ◆ probe ■ fault</p>\n");
    }

    /** The drawn events as a table: everything the drawing shows, in words. */
    private static void events(StringBuilder html, RunReport.Timeline timeline) {
        html.append("<table class=\"events\"><tr><th>#</th><th>time</th><th>monitor</th><th>kind</th><th>event</th><th>operations</th>"
                + "<th>status</th></tr>\n");
        int divergence = timeline.divergence() == null ? -1 : timeline.divergence().event();
        for (RunReport.TimelineEvent event : timeline.events()) {
            html.append("<tr").append(event.index() == divergence ? " class=\"bad\"" : "").append("><td>").append(event.index())
                    .append("</td><td>").append(String.format(Locale.ROOT, "%,d ms", event.atMs())).append("</td><td>")
                    .append(Html.escape(event.monitor().isEmpty() ? "all" : event.monitor())).append("</td><td>").append(Html.escape(event.kind()))
                    .append("</td><td>").append(Html.escape(event.text())).append("</td><td>")
                    .append(Html.escape(String.join(", ", TimelineLayout.operationEffects(timeline, event.index(), null)))).append("</td><td>")
                    .append(Html.escape(String.join(", ", event.statusChanges().stream()
                            .map(change -> change.monitor() + " " + change.from() + " → " + change.to()).toList())))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static final String CSS = """
            body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #24292f; max-width: 1200px; }
            h1 { margin: 0 0 4px; } section { margin-bottom: 28px; }
            #verdict { padding: 12px 16px; border-radius: 6px; } #verdict.passed { background: #dafbe1; } #verdict.failed, #verdict.error { background: #ffebe9; }
            table { border-collapse: collapse; } td, th { border: 1px solid #d0d7de; padding: 3px 8px; text-align: left; vertical-align: top; }
            tr.bad td { background: #ffebe9; } td.never { background: #fff8c5; color: #7d4e00; } td.hit { color: #116329; }
            td.impossible { color: #8c959f; text-align: center; }
            .note { color: #57606a; font-size: 12px; }
            article.violation { border: 2px solid #d0392b; border-radius: 6px; padding: 8px 12px; margin-bottom: 16px; }
            article.violation.expected { border-color: #9a6700; }
            .pair { display: flex; gap: 16px; align-items: flex-start; flex-wrap: wrap; } .diff { max-width: 420px; }
            div.timeline { max-width: 100%; } div.timeline-scroll { overflow-x: auto; max-width: 100%; }
            svg.timeline text { font: 11px system-ui, sans-serif; fill: #24292f; } svg.timeline .axis { fill: #57606a; }
            svg.timeline .name { font-weight: 600; } svg.timeline .time { font-weight: 600; fill: #24292f; }
            svg.timeline .bar-label { fill: #fff; font-size: 10px; }
            .legend { font-size: 12px; color: #57606a; } .swatch { display: inline-block; width: 10px; height: 10px; margin: 0 3px 0 6px; }
            svg.timeline .diverged { fill: #d0392b; font-weight: 600; }
            svg.timeline g.event text, svg.timeline g.effect text { paint-order: stroke; stroke: rgba(255, 255, 255, 0.85); stroke-width: 3px; }
            table.events { font-size: 12px; margin-top: 8px; } table.events td:nth-child(2) { white-space: nowrap; text-align: right; }
            pre.replay { background: #f6f8fa; padding: 8px; border-radius: 4px; user-select: all; }
            """;
}
