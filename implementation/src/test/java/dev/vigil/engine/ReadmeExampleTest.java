package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.event.EngineEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding example of README.md, compiled and run. Only the URL differs: tests never leave
 * the loopback interface, so it points at a closed local port instead of example.com.
 */
class ReadmeExampleTest {
    @TempDir
    Path folder;

    @Test
    void theReadmeExampleCompilesAndRuns() {
        List<String> printed = new ArrayList<>();
        try (VigilEngine engine = VigilEngine.builder()
                .storeFile(folder.resolve("vigil.db"))
                .listener(event -> {
                    if (event instanceof EngineEvent.StatusChanged change) {
                        printed.add(change.monitorId() + ": " + change.previous() + " → " + change.next());
                    }
                })
                .build()) {
            engine.add("api", MonitorSettings.http("http://127.0.0.1:9/health")
                    .withIntervalMs(30_000).withTimeoutMs(5_000).withRetryAttempts(2));
            engine.start("api");
        }
        assertThat(printed).first().isEqualTo("api: PAUSED → PENDING");
    }
}
