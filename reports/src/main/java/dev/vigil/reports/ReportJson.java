package dev.vigil.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Run reports as JSON (Jackson, pretty-printed, map keys sorted so equal reports give equal files). */
public final class ReportJson {
    private static final ObjectMapper JSON = mapper();

    private ReportJson() {
    }

    /** The configured mapper, for other files the harness writes (traces). */
    public static ObjectMapper mapper() {
        return new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public static void write(RunReport report, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            JSON.writeValue(file.toFile(), report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report " + file + ": " + e.getMessage(), e);
        }
    }

    public static RunReport read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ReportFormatException("report file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new ReportFormatException("cannot read report file " + file + ": " + e.getMessage(), e);
        }
        try {
            RunReport report = JSON.readValue(text, RunReport.class);
            if (report == null) {
                throw new ReportFormatException("report file " + file + " is empty", null);
            }
            if (report.schemaVersion() != RunReport.SCHEMA_VERSION) {
                throw new ReportFormatException("report file " + file + " has schema version " + report.schemaVersion() + "; this build reads "
                        + RunReport.SCHEMA_VERSION, null);
            }
            return report;
        } catch (JsonProcessingException e) {
            throw new ReportFormatException("report file " + file + " is not a Vigil run report: " + e.getOriginalMessage(), e);
        }
    }
}
