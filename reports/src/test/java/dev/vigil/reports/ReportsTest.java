package dev.vigil.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.NodeList;

class ReportsTest {
    @TempDir
    Path folder;

    private static final String HOSTILE = "<script>alert(1)</script>";

    static RunReport.CaseResult passed(String name, long runs, long events) {
        return new RunReport.CaseResult(name, "random", RunReport.Expectation.PASS, RunReport.Outcome.PASSED, runs, events, 0, 0, events * 10,
                1_000, "no violation", "");
    }

    /** The naive race as a shrunk trace draws it: five events, all at virtual time 0, then one later. */
    static RunReport.ViolationReport violation(String monitor) {
        List<RunReport.TimelineEvent> events = List.of(
                event(0, 0, monitor, "command", "add " + monitor + " (interval 1000 ms, timeout 1000 ms, retries 0)"),
                new RunReport.TimelineEvent(1, 0, monitor, 0, "command", "start " + monitor, List.of(new RunReport.StatusChange(monitor, "PAUSED", "PENDING"))),
                event(2, 0, "m2", "command", "add m2 (interval 1000 ms, timeout 1000 ms, retries 0)"),
                new RunReport.TimelineEvent(3, 0, "", 0, "command", "stopAll", List.of(new RunReport.StatusChange(monitor, "PENDING", "PAUSED"))),
                new RunReport.TimelineEvent(4, 0, monitor, 1, "probe", "attemptCompleted op#1 UP", List.of(new RunReport.StatusChange(monitor, "PAUSED", "UP"))),
                event(5, 1_500, "m2", "command", "start m2"));
        RunReport.Timeline timeline = new RunReport.Timeline(List.of(monitor, "m2"), 1_501, 0, events,
                List.of(new RunReport.OperationBar(monitor, 1, 1, 3, 0, 0, RunReport.OperationEnd.CANCELLED),
                        new RunReport.OperationBar("m2", 2, 5, 6, 1_500, 1_501, RunReport.OperationEnd.OPEN)),
                List.of(new RunReport.StatusSegment(monitor, 0, 1, 0, 0, "PAUSED"), new RunReport.StatusSegment(monitor, 1, 3, 0, 0, "PENDING"),
                        new RunReport.StatusSegment(monitor, 3, 4, 0, 0, "PAUSED"), new RunReport.StatusSegment(monitor, 4, 6, 0, 1_501, "UP"),
                        new RunReport.StatusSegment("m2", 2, 6, 0, 1_501, "PAUSED")),
                new RunReport.Divergence(4, 0, monitor, "attemptCompleted op#1 UP"));
        return new RunReport.ViolationReport("variant naive", true, 7, 3, "attemptCompleted op#1 UP", "I1",
                List.of("monitor " + monitor + ": status expected PAUSED, engine has UP"), "./vigil replay target/vigil-traces/naive-seed-7.shrunk.json",
                "target/vigil-traces/naive-seed-7.json", "target/vigil-traces/naive-seed-7.shrunk.json", timeline);
    }

    private static RunReport.TimelineEvent event(int index, long atMs, String monitor, String kind, String text) {
        return new RunReport.TimelineEvent(index, atMs, monitor, 0, kind, text, List.of());
    }

    static RunReport report(List<RunReport.CaseResult> cases, List<RunReport.ViolationReport> violations, Map<String, Long> rules) {
        return new RunReport(RunReport.SCHEMA_VERSION, "vigil 0.1.0", "abc123", "verify", "2026-11-28T19:00:00Z", 2_000,
                cases.stream().allMatch(c -> c.outcome().ok()) ? RunReport.Verdict.PASSED : RunReport.Verdict.FAILED, cases,
                new RunReport.Coverage(rules, Map.of("UP|tick", 5L)), new RunReport.Throughput(100, 0, 10), new RunReport.Determinism(5, 0),
                violations);
    }

    @Test
    void jsonRoundTripsExactly() {
        RunReport original = report(List.of(passed("random-swarm", 10, 3_000)), List.of(violation("m1")), Map.of("R1", 3L));
        Path file = folder.resolve("run.json");
        ReportJson.write(original, file);
        assertThat(ReportJson.read(file)).isEqualTo(original);
    }

    @Test
    void malformedOrMissingFilesAreClearErrors() throws Exception {
        Path broken = folder.resolve("broken.json");
        Files.writeString(broken, "{ \"schemaVersion\": ");
        assertThatThrownBy(() -> ReportJson.read(broken)).isInstanceOf(ReportFormatException.class).hasMessageContaining("broken.json")
                .hasMessageContaining("not a Vigil run report");
        assertThatThrownBy(() -> ReportJson.read(folder.resolve("missing.json"))).isInstanceOf(ReportFormatException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void mergingShardsGivesTheTotalsOfTheUnsplitRun() {
        RunReport unsplit = report(List.of(passed("random-swarm", 30, 9_000)), List.of(), Map.of("R1", 30L, "R2", 12L));
        RunReport a = report(List.of(passed("random-swarm", 10, 3_000)), List.of(), Map.of("R1", 10L, "R2", 4L));
        RunReport b = report(List.of(passed("random-swarm", 10, 3_000)), List.of(), Map.of("R1", 10L, "R2", 4L));
        RunReport c = report(List.of(passed("random-swarm", 10, 3_000)), List.of(violation("m1")), Map.of("R1", 10L, "R2", 4L));

        RunReport merged = ReportMerger.merge(List.of(a, b, c));

        assertThat(merged.cases()).singleElement().satisfies(result -> {
            assertThat(result.runs()).isEqualTo(unsplit.cases().getFirst().runs());
            assertThat(result.events()).isEqualTo(unsplit.cases().getFirst().events());
        });
        assertThat(merged.coverage().rules()).isEqualTo(unsplit.coverage().rules());
        assertThat(merged.violations()).hasSize(1);
        assertThat(merged.determinism().seedsChecked()).isEqualTo(15);
        assertThatThrownBy(() -> ReportMerger.merge(List.of())).hasMessageContaining("nothing to merge");
    }

    @Test
    void htmlHasEverySectionAndADrawnTimelineAndEscapesEverything() throws Exception {
        RunReport failing = report(List.of(passed("random-swarm", 10, 3_000),
                new RunReport.CaseResult("variant naive", "variant", RunReport.Expectation.CATCH, RunReport.Outcome.CAUGHT, 1, 19, 0, 0, 0, 10,
                        "caught", "./vigil replay x")), List.of(violation(HOSTILE)), Map.of("R1", 3L));
        Path file = HtmlReport.write(failing, folder, "verify");
        String text = Files.readString(file);
        Document page = Jsoup.parse(text);

        for (String section : List.of("verdict", "cases", "coverage", "throughput", "violations")) {
            assertThat(page.getElementById(section)).as(section).isNotNull();
        }
        assertThat(page.select("#cases tr")).hasSize(3);
        assertThat(page.select("svg.timeline g.lane")).hasSize(3); // stopAll, an engine-wide event, gets a lane of its own
        assertThat(page.select("svg.timeline rect.operation")).hasSize(2);
        assertThat(page.select("svg.timeline rect.status")).hasSize(5);
        assertThat(page.select("svg.timeline g.event")).hasSize(6);
        assertThat(page.select("svg.timeline polygon.command")).hasSize(5);
        assertThat(page.select("svg.timeline line.divergence")).hasSize(1);
        assertThat(page.select("table.events tr")).hasSize(1 + 6);
        assertThat(page.select("pre.replay").text()).isEqualTo("./vigil replay target/vigil-traces/naive-seed-7.shrunk.json");
        assertThat(page.select("#coverage td.never")).isNotEmpty();
        assertThat(page.select("script")).isEmpty();
        assertThat(text).doesNotContain(HOSTILE).contains("&lt;script&gt;");
        assertThat(text).doesNotContain("src=\"http").doesNotContain("href=\"http");
    }

    @Test
    void eventsAtTheSameVirtualTimeGetDistinctPositionsInTheirOrderEachLabelled() {
        Document page = Jsoup.parse(HtmlReport.render(report(List.of(passed("a", 1, 1)), List.of(violation("m1")), Map.of())));

        List<Element> events = page.select("svg.timeline g.event");
        assertThat(events).hasSize(6);
        List<Double> xs = events.stream().map(ReportsTest::translateX).toList();
        assertThat(xs).as("one position per event, in the events' order").doesNotHaveDuplicates().isSorted();
        // Five of them happened at t = 0 ms: the order, not the time, places them.
        assertThat(events.stream().filter(event -> event.attr("data-at-ms").equals("0"))).hasSize(5);
        assertThat(events.stream().map(event -> event.attr("data-event")).toList()).containsExactly("0", "1", "2", "3", "4", "5");

        // The axis still tells the time: one band per distinct time, in order, and what passed between them.
        assertThat(page.select("svg.timeline g.time-band").stream().map(band -> band.attr("data-at-ms")).toList()).containsExactly("0", "1500");
        assertThat(page.select("svg.timeline g.time-band text").eachText()).containsExactly("t = 0 ms", "t = 1,500 ms");
        assertThat(page.select("svg.timeline text.gap").eachText()).containsExactly("+1,500 ms");

        // Each event is labelled: the event, its monitor, its operation, the status it changed.
        Element completed = events.get(4);
        assertThat(completed.select("text").eachText()).contains("#4 attemptCompleted", "m1 op#1 UP", "PAUSED → UP");
        assertThat(events.get(1).select("text").eachText()).contains("#1 start", "m1", "starts op#1", "PAUSED → PENDING");
        // An engine-wide event's effect is written in the lane of each monitor it changed.
        assertThat(page.select("svg.timeline g.effect[data-event=3][data-lane=m1] text").eachText()).contains("op#1 cancelled", "PENDING → PAUSED");
    }

    @Test
    void aTimelineWithManyEventsGivesEachItsOwnColumn() {
        List<RunReport.TimelineEvent> events = java.util.stream.IntStream.range(0, 40)
                .mapToObj(index -> event(index, index < 30 ? 0 : 100, "m1", "timer", "tick m1")).toList();
        RunReport.Timeline timeline = new RunReport.Timeline(List.of("m1"), 101, 0, events, List.of(), List.of(), null);
        RunReport.ViolationReport violation = new RunReport.ViolationReport("c", false, 1, 39, "tick m1", "I1", List.of(), "", "", "", timeline);
        Document page = Jsoup.parse(HtmlReport.render(report(List.of(passed("a", 1, 1)), List.of(violation), Map.of())));

        List<Double> xs = page.select("svg.timeline g.event").stream().map(ReportsTest::translateX).toList();
        assertThat(xs).hasSize(40).doesNotHaveDuplicates().isSorted();
        for (int i = 1; i < xs.size(); i++) {
            assertThat(xs.get(i) - xs.get(i - 1)).as("room for a label between events %d and %d", i - 1, i)
                    .isGreaterThanOrEqualTo(TimelineLayout.COLUMN_WIDTH_MIN_PX - 0.5);
        }
    }

    private static double translateX(Element group) {
        Matcher matcher = Pattern.compile("translate\\(([-0-9.]+),").matcher(group.attr("transform"));
        assertThat(matcher.find()).as("a position in " + group.attr("transform")).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    @Test
    void junitXmlHasATestcasePerCaseAndFailuresCarryTheReplayCommand() throws Exception {
        RunReport failing = report(List.of(passed("random-swarm", 10, 3_000),
                new RunReport.CaseResult("explore two-monitors", "scope", RunReport.Expectation.PASS, RunReport.Outcome.FAILED, 10, 100, 10, 5, 0,
                        10, "lockstep difference", "./vigil replay target/vigil-traces/real-explore.json"),
                new RunReport.CaseResult("variant naive", "variant", RunReport.Expectation.CATCH, RunReport.Outcome.CAUGHT, 1, 19, 0, 0, 0, 10,
                        "caught", "./vigil replay y")), List.of(), Map.of());
        Path file = JUnitXmlReport.write(failing, folder, "verify");

        var document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        NodeList testcases = document.getElementsByTagName("testcase");
        NodeList failures = document.getElementsByTagName("failure");
        assertThat(testcases.getLength()).isEqualTo(3);
        assertThat(failures.getLength()).isEqualTo(1);
        assertThat(failures.item(0).getAttributes().getNamedItem("message").getNodeValue())
                .contains("./vigil replay target/vigil-traces/real-explore.json");
        assertThat(document.getDocumentElement().getAttribute("failures")).isEqualTo("1");
    }

    @Test
    void writeAllLeavesTheThreeFiles() {
        ReportWriter.Written written = ReportWriter.writeAll(report(List.of(passed("a", 1, 1)), List.of(), Map.of()), folder, "run");
        assertThat(written.json()).exists();
        assertThat(written.html()).exists();
        assertThat(written.junitXml()).exists();
    }
}
