package dev.vigil.simulation.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Standard output and error captured for each test, as the command line writes them, and put
 * back after it. Register it as a field with {@code @RegisterExtension}.
 */
final class CapturedConsole implements BeforeEachCallback, AfterEachCallback {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @Override
    public void beforeEach(ExtensionContext context) {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    /** What was written to standard output since the test began or {@link #reset}. */
    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** What was written to standard error since the test began or {@link #reset}. */
    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Forgets what was written so far, to look at the next command's output alone. */
    void reset() {
        out.reset();
        err.reset();
    }
}
