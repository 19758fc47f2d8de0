package dev.vigil.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
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

    static RunReport.ViolationReport violation(String monitor) {
        RunReport.Timeline timeline = new RunReport.Timeline(List.of(monitor, "m2"), 4_000,
                List.of(new RunReport.OperationBar(monitor, 1, 0, 3_000, RunReport.OperationEnd.CANCELLED),
                        new RunReport.OperationBar("m2", 2, 500, 1_500, RunReport.OperationEnd.APPLIED)),
                List.of(new RunReport.CommandMarker(monitor, 0, "start"), new RunReport.CommandMarker(monitor, 1_000, "stop"),
                        new RunReport.CommandMarker("", 2_000, "stopAll")),
                List.of(new RunReport.StatusSegment(monitor, 0, 1_000, "PENDING"), new RunReport.StatusSegment(monitor, 1_000, 3_000, "PAUSED"),
                        new RunReport.StatusSegment(monitor, 3_000, 4_000, "UP")),
                new RunReport.Divergence(3_000, monitor, "attemptCompleted op#1 UP"));
        return new RunReport.ViolationReport("variant naive", true, 7, 3, "attemptCompleted op#1 UP", "I1",
                List.of("monitor " + monitor + ": status expected PAUSED, engine has UP"), "./vigil replay target/vigil-traces/naive-seed-7.shrunk.json",
                "target/vigil-traces/naive-seed-7.json", "target/vigil-traces/naive-seed-7.shrunk.json", timeline);
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
        assertThat(page.select("svg.timeline g.lane")).hasSize(2);
        assertThat(page.select("svg.timeline rect.operation")).hasSize(2);
        assertThat(page.select("svg.timeline rect.status")).hasSize(3);
        assertThat(page.select("svg.timeline polygon.command")).hasSize(2 + 2); // stopAll marks every lane
        assertThat(page.select("svg.timeline line.divergence")).hasSize(1);
        assertThat(page.select("pre.replay").text()).isEqualTo("./vigil replay target/vigil-traces/naive-seed-7.shrunk.json");
        assertThat(page.select("#coverage td.never")).isNotEmpty();
        assertThat(page.select("script")).isEmpty();
        assertThat(text).doesNotContain(HOSTILE).contains("&lt;script&gt;");
        assertThat(text).doesNotContain("src=\"http").doesNotContain("href=\"http");
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
