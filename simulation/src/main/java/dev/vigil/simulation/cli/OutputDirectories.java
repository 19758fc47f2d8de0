package dev.vigil.simulation.cli;

import dev.vigil.reports.ReportWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --trace-dir} and {@code --report-dir}: where a command writes traces and reports. Shared by run, explore and verify. */
final class OutputDirectories {
    @Option(names = "--trace-dir", paramLabel = "DIR", description = "Where traces of violations (and of caught variants) go (default ${DEFAULT-VALUE}).")
    Path traceDirectory = Path.of("target", "vigil-traces");

    @Option(names = "--report-dir", paramLabel = "DIR", description = "Where JSON, HTML and JUnit XML go (default ${DEFAULT-VALUE}).")
    Path reportDirectory = ReportWriter.DEFAULT_DIRECTORY;
}
