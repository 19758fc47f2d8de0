package dev.vigil.simulation.report;

import dev.vigil.reports.ReportWriter;
import dev.vigil.reports.RunReport;
import dev.vigil.simulation.lockstep.Coverage;
import dev.vigil.simulation.lockstep.RunOutcome;
import dev.vigil.simulation.lockstep.Violation;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects what a command did into a {@link RunReport} and writes it (JSON, HTML, JUnit XML).
 * Grading happens here; printing is the reporters' job.
 */
public final class RunReports {
    private final String commit;
    private final String command;
    private final String startedAt = Instant.now().toString();
    private final long startedNs = System.nanoTime();
    private final List<RunReport.CaseResult> cases = new ArrayList<>();
    private final List<RunReport.ViolationReport> violations = new ArrayList<>();
    private final Coverage coverage = new Coverage();
    private long events;
    private long schedules;
    private long simulatedMs;
    private long determinismSeeds;
    private long determinismMismatches;

    public RunReports(String commit, String command) {
        this.commit = commit;
        this.command = command;
    }

    public void addCase(RunReport.CaseResult result) {
        cases.add(result);
        events += result.events();
        schedules += result.schedules();
        simulatedMs += result.simulatedMs();
    }

    public void addCoverage(Coverage more) {
        coverage.addAll(more);
    }

    /** The coverage gathered so far, as the report states it. */
    public RunReport.Coverage coverage() {
        return new RunReport.Coverage(coverage.rules(), coverage.statusEvents());
    }

    public void addDeterminism(long seedsChecked, long mismatches) {
        determinismSeeds += seedsChecked;
        determinismMismatches += mismatches;
    }

    /** Records a violation with its drawn timeline; {@code expected} for a known-buggy variant's catch. */
    public void addViolation(String caseName, boolean expected, long seed, RunOutcome outcome, String replayCommand, Path trace, Path shrunkTrace) {
        Violation violation = outcome.violation().orElseThrow();
        violations.add(new RunReport.ViolationReport(caseName, expected, seed, violation.eventIndex(), violation.event(), violation.kind(),
                violation.details(), replayCommand, trace == null ? "" : trace.toString(), shrunkTrace == null ? "" : shrunkTrace.toString(),
                TimelineDrawing.of(outcome)));
    }

    public RunReport report() {
        long wallMs = (System.nanoTime() - startedNs) / 1_000_000;
        boolean allOk = cases.stream().allMatch(result -> result.outcome().ok()) && determinismMismatches == 0;
        double seconds = Math.max(1, wallMs) / 1000.0;
        return new RunReport(RunReport.SCHEMA_VERSION, "vigil 0.1.0", commit, command, startedAt, wallMs,
                allOk ? RunReport.Verdict.PASSED : RunReport.Verdict.FAILED, cases, new RunReport.Coverage(coverage.rules(), coverage.statusEvents()),
                new RunReport.Throughput(events / seconds, schedules / seconds, simulatedMs / 1000.0 / seconds),
                new RunReport.Determinism(determinismSeeds, determinismMismatches), violations);
    }

    /** Writes the three files and prints where they are. */
    public ReportWriter.Written write(Path directory, String baseName, PrintStream out) {
        ReportWriter.Written written = ReportWriter.writeAll(report(), directory, baseName);
        out.println("reports: " + written.html() + " (open in a browser), " + written.json() + ", " + written.junitXml());
        return written;
    }
}
