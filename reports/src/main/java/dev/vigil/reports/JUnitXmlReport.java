package dev.vigil.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * JUnit XML, which every CI server shows natively: one testcase per case of the report. A failed
 * case, or a variant that was not caught, is a failure whose message holds the replay command; an
 * expected catch passes.
 */
public final class JUnitXmlReport {
    private JUnitXmlReport() {
    }

    public static Path write(RunReport report, Path directory, String baseName) {
        Path file = directory.resolve(baseName + ".junit.xml");
        long failures = report.cases().stream().filter(result -> !result.outcome().ok()).count();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append(String.format(Locale.ROOT, "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"0\" time=\"%.3f\">%n",
                Html.escape("vigil " + report.command()), report.cases().size(), failures, report.wallTimeMs() / 1000.0));
        for (RunReport.CaseResult result : report.cases()) {
            xml.append(String.format(Locale.ROOT, "  <testcase classname=\"vigil.%s\" name=\"%s\" time=\"%.3f\">", Html.escape(result.kind()),
                    Html.escape(result.name()), result.wallMs() / 1000.0));
            if (!result.outcome().ok()) {
                String message = result.outcome() + ": " + result.detail()
                        + (result.replayCommand().isEmpty() ? "" : " — replay: " + result.replayCommand());
                xml.append("\n    <failure message=\"").append(Html.escape(message)).append("\" type=\"").append(result.outcome()).append("\">")
                        .append(Html.escape(message)).append("</failure>\n  ");
            } else if (!result.detail().isEmpty()) {
                xml.append("\n    <system-out>").append(Html.escape(result.detail())).append("</system-out>\n  ");
            }
            xml.append("</testcase>\n");
        }
        xml.append("</testsuite>\n");
        try {
            Files.createDirectories(directory);
            Files.writeString(file, xml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }
}
