package dev.vigil.simulation.cli;

import dev.vigil.reports.ReportJson;
import dev.vigil.reports.ReportMerger;
import dev.vigil.reports.ReportWriter;
import dev.vigil.reports.RunReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil report}: reads run reports back, and merges the reports of shards. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Show a run report, or merge shard reports into one.",
        subcommands = {ReportCommand.Show.class, ReportCommand.Merge.class})
final class ReportCommand implements Runnable {
    @Override
    public void run() {
        throw new IllegalArgumentException("name a report command: show FILE.json, or merge A.json B.json … -o ALL.json");
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print the summary of a run report.")
    static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "A report written by run, explore, verify or merge.")
        Path file;

        @Override
        public Integer call() {
            RunReport report = ReportJson.read(file);
            summarize(System.out, report);
            return report.verdict() == RunReport.Verdict.PASSED ? VigilCommand.EXIT_PASSED : VigilCommand.EXIT_VIOLATION;
        }
    }

    @Command(name = "merge", mixinStandardHelpOptions = true,
            description = "Merge shard reports: counts add up, violations are kept, coverage is united; writes JSON, HTML and JUnit XML.")
    static final class Merge implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", arity = "1..*", description = "Shard reports.")
        List<Path> files = new ArrayList<>();

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "The merged report (.json); HTML and JUnit XML go beside it.")
        Path output;

        @Override
        public Integer call() {
            List<RunReport> shards = files.stream().map(ReportJson::read).toList();
            RunReport merged = ReportMerger.merge(shards);
            Path directory = output.toAbsolutePath().getParent();
            String base = output.getFileName().toString().replaceFirst("\\.json$", "");
            ReportWriter.Written written = ReportWriter.writeAll(merged, directory, base);
            summarize(System.out, merged);
            System.out.println("reports: " + written.html() + ", " + written.json() + ", " + written.junitXml());
            return merged.verdict() == RunReport.Verdict.PASSED ? VigilCommand.EXIT_PASSED : VigilCommand.EXIT_VIOLATION;
        }
    }

    static void summarize(PrintStream out, RunReport report) {
        out.println(report.verdict() + ": " + report.command() + " at commit " + report.commit() + " (" + report.wallTimeMs() + " ms)");
        for (RunReport.CaseResult result : report.cases()) {
            out.printf("  %-8s %-44s %,9d runs %,11d events  %s%n", result.outcome(), result.name(), result.runs(), result.events(), result.detail());
        }
        out.println("  violations: " + report.violations().size() + "; rules never reached: " + report.coverage().rulesNeverReached());
    }
}
