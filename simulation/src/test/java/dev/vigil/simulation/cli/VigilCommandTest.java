package dev.vigil.simulation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: exit codes, one-line errors, traces that replay. */
class VigilCommandTest {
    @TempDir
    Path folder;

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();

    private String output() {
        return console.out() + console.err();
    }

    @Test
    void runPassesOnTheRealEngine() {
        assertThat(VigilCommand.execute("run", "--seeds", "5", "--events", "100", "--check-determinism")).isZero();
        assertThat(output()).contains("PASSED").contains("determinism: every seed gave the same trace hash twice");
    }

    @Test
    void runFindsTheNaiveRaceWritesShrunkTracesAndTheyReplay() throws Exception {
        Path traces = folder.resolve("traces");
        Path reports = folder.resolve("reports");
        int exit = VigilCommand.execute("run", "--variant", "naive", "--seeds", "1000", "--trace-dir", traces.toString(), "--report-dir",
                reports.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(reports.resolve("run.json")).exists();
        assertThat(reports.resolve("run.junit.xml")).exists();
        assertThat(Files.readString(reports.resolve("run.html"))).contains("<svg class=\"timeline\"").contains("./vigil replay");
        assertThat(output()).contains("VIOLATION").contains("shrunk from").contains("./vigil replay");
        Path shrunk;
        try (Stream<Path> files = Files.list(traces)) {
            shrunk = files.filter(file -> file.toString().endsWith(".shrunk.json")).findFirst().orElseThrow();
        }
        console.reset();
        assertThat(VigilCommand.execute("replay", shrunk.toString())).isEqualTo(1);
        assertThat(output()).contains("the replay matches the recorded trace hash").contains("VIOLATION");
    }

    @Test
    void shardReportsMergeToTheTotalsOfTheUnsplitRun() throws Exception {
        Path whole = folder.resolve("whole");
        assertThat(VigilCommand.execute("run", "--seeds", "6", "--events", "60", "--report-dir", whole.toString())).isZero();
        for (int shard = 1; shard <= 3; shard++) {
            assertThat(VigilCommand.execute("run", "--seeds", "6", "--events", "60", "--shard", shard + "/3", "--report-dir",
                    folder.resolve("shard" + shard).toString())).isZero();
        }
        Path merged = folder.resolve("merged/all.json");
        assertThat(VigilCommand.execute("report", "merge", folder.resolve("shard1/run.json").toString(), folder.resolve("shard2/run.json").toString(),
                folder.resolve("shard3/run.json").toString(), "-o", merged.toString())).isZero();

        var unsplit = dev.vigil.reports.ReportJson.read(whole.resolve("run.json"));
        var combined = dev.vigil.reports.ReportJson.read(merged);
        long unsplitRuns = unsplit.cases().stream().mapToLong(c -> c.runs()).sum();
        long combinedRuns = combined.cases().stream().mapToLong(c -> c.runs()).sum();
        assertThat(combinedRuns).isEqualTo(unsplitRuns).isEqualTo(6);
        assertThat(combined.cases().stream().mapToLong(c -> c.events()).sum()).isEqualTo(unsplit.cases().stream().mapToLong(c -> c.events()).sum());
        assertThat(combined.coverage().rules()).isEqualTo(unsplit.coverage().rules());
        assertThat(VigilCommand.execute("report", "show", merged.toString())).isZero();
    }

    @Test
    void exploreReportsTheWallTimeOfItsSearch() throws Exception {
        Path reports = folder.resolve("explore-reports");
        assertThat(VigilCommand.execute("explore", "--monitors", "1", "--commands", "2", "--report-dir", reports.toString())).isZero();
        var report = dev.vigil.reports.ReportJson.read(reports.resolve("explore.json"));
        long searchMs = report.cases().stream().mapToLong(c -> c.wallMs()).sum();
        assertThat(report.wallTimeMs()).as("the command's wall time covers its search").isGreaterThanOrEqualTo(searchMs);
        assertThat(report.cases().getFirst().runs()).isPositive();
    }

    @Test
    void badArgumentsAndMalformedTracesAreOneLineErrorsWithExitCode2() throws Exception {
        assertThat(VigilCommand.execute("run", "--seeds", "zero")).isEqualTo(2);
        assertThat(VigilCommand.execute("run", "--variant", "nonsense", "--seeds", "1")).isEqualTo(2);
        assertThat(output()).contains("unknown variant 'nonsense'; known: real, fallback, naive, history-first, deadline-ignores-retries, manual-no-cancel, stale-after-restart, leak-on-store-failure, overlapping-probes, fallback-no-epoch");
        assertThat(VigilCommand.execute("run", "--shard", "3/2", "--seeds", "4")).isEqualTo(2);
        Path broken = folder.resolve("broken.json");
        Files.writeString(broken, "{ not json");
        console.reset();
        assertThat(VigilCommand.execute("replay", broken.toString())).isEqualTo(2);
        assertThat(console.err().strip()).startsWith("vigil: trace file").doesNotContain("\tat ");
        assertThat(VigilCommand.execute("replay", folder.resolve("missing.json").toString())).isEqualTo(2);
        assertThat(VigilCommand.execute("frobnicate")).isEqualTo(2);
    }
}
