package dev.vigil.simulation.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads and writes traces as JSON. A malformed file is a {@link TraceFormatException} naming the file and the problem. */
public final class TraceFiles {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** A trace file that cannot be read as a trace. */
    public static final class TraceFormatException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TraceFormatException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private TraceFiles() {
    }

    public static void write(Trace trace, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            JSON.writeValue(file.toFile(), trace);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write trace " + file + ": " + e.getMessage(), e);
        }
    }

    public static Trace read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new TraceFormatException("trace file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new TraceFormatException("cannot read trace file " + file + ": " + e.getMessage(), e);
        }
        try {
            Trace trace = JSON.readValue(text, Trace.class);
            if (trace == null) {
                throw new TraceFormatException("trace file " + file + " is empty", null);
            }
            return trace;
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException illegal ? illegal : e;
            String reason = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
            throw new TraceFormatException("trace file " + file + " is not a valid trace: " + reason, e);
        }
    }

    /** A trace as JSON text, for tests and hashing. */
    static String toJson(Trace trace) {
        try {
            return JSON.writeValueAsString(trace);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a trace could not be serialized", e);
        }
    }
}
