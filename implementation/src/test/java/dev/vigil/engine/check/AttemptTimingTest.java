package dev.vigil.engine.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.store.MonitorRepository;
import dev.vigil.engine.testing.ManualRuntime;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A probe return the probe did not time itself (no result, an exception) is timed by the checker:
 * from the attempt's start to its return. Both checkers, the enhanced one and its fallback.
 */
class AttemptTimingTest {
    private static final MonitorSettings SETTINGS = MonitorSettings.http("http://localhost:8080/").withIntervalMs(10_000).withTimeoutMs(2_000);

    private final ManualRuntime runtime = new ManualRuntime();
    private final MonitorRepository repository = MonitorRepository.openSqliteInMemory();
    private VigilEngine engine;

    @AfterEach
    void close() {
        engine.close();
        repository.close();
    }

    private void build(boolean fallback) {
        engine = BothCheckers.builder(repository, runtime, fallback).build();
        engine.add("m1", SETTINGS.withRetryAttempts(0));
        runtime.advanceBy(5_000); // the attempt's start is not time zero
        engine.start("m1");
    }

    private String runningOperation() {
        return runtime.openAttempts().getLast().operationId();
    }

    private void assertDownAfter(long elapsedMs, String details) {
        assertThat(engine.history("m1")).singleElement().satisfies(record -> {
            assertThat(record.status()).isEqualTo(MonitorStatus.DOWN);
            assertThat(record.responseTimeMs()).isEqualTo(elapsedMs);
            assertThat(record.details()).isEqualTo(details);
        });
    }

    @Test
    void noResultIsDownTimedByTheEnhancedChecker() {
        build(false);
        String operation = runningOperation();
        runtime.advanceBy(700);

        runtime.answer(operation, null);

        assertDownAfter(700, "probe returned no result");
    }

    @Test
    void anExceptionIsDownTimedByTheFallbackChecker() {
        build(true);
        String operation = runningOperation();
        runtime.advanceBy(300);

        runtime.fail(operation, new IOException("refused"));

        assertDownAfter(300, "probe threw IOException: refused");
    }
}
