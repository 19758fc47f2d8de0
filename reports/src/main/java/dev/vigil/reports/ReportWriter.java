package dev.vigil.reports;

import java.nio.file.Path;

/** Writes a run's JSON, HTML and JUnit XML together. */
public final class ReportWriter {
    /** Where reports go unless {@code --report-dir} says otherwise. */
    public static final Path DEFAULT_DIRECTORY = Path.of("target", "vigil-reports");

    /** The three files of one run. */
    public record Written(Path json, Path html, Path junitXml) {}

    private ReportWriter() {
    }

    public static Written writeAll(RunReport report, Path directory, String baseName) {
        Path json = directory.resolve(baseName + ".json");
        ReportJson.write(report, json);
        return new Written(json, HtmlReport.write(report, directory, baseName), JUnitXmlReport.write(report, directory, baseName));
    }
}
