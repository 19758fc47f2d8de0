package dev.vigil.engine.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.VigilEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC "Nodes" N1 across real processes: a second JVM on this JVM's SQLite file is refused, then opens after close. */
class TwoProcessGuardTest {
    private static final long EXIT_WAIT_MS_MAX = 60_000;

    @TempDir
    Path folder;

    @Test
    void aSecondJvmIsRefusedWhileThisOneHoldsTheFileAndOpensOnceItClosed() throws Exception {
        Path file = folder.resolve("vigil.db");
        try (VigilEngine engine = VigilEngine.builder().storeFile(file).nodeId("first-jvm").build()) {
            Result refused = runSecondJvm(file);
            assertThat(refused.exitCode()).as(refused.output()).isEqualTo(3);
            assertThat(refused.output()).startsWith("REFUSED: another engine holds the store '" + file.toAbsolutePath()
                    + "': node 'first-jvm' holds its lease until ");
            assertThat(engine.storeLeaseLost()).isFalse();
        }
        Result opened = runSecondJvm(file);
        assertThat(opened.exitCode()).as(opened.output()).isZero();
        assertThat(opened.output()).startsWith("OPENED pid-");
    }

    private record Result(int exitCode, String output) {}

    private Result runSecondJvm(Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                OpenStoreProcess.class.getName(), file.toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!process.waitFor(EXIT_WAIT_MS_MAX, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the second JVM did not exit within " + EXIT_WAIT_MS_MAX + " ms");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
    }
}
