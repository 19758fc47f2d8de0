package dev.vigil.engine.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.spi.EngineDiagnostics;
import dev.vigil.engine.spi.LiveOperation;
import dev.vigil.engine.store.MonitorRepository;
import dev.vigil.engine.testing.ManualRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@link EngineDiagnostics} reports agrees with what the engine does, on both checkers: the
 * live operations' digest is the sum its contract defines at every step, a monitor never checked
 * has no waiting request, and ticks on time are never counted as skipped.
 */
class DiagnosticsTest {
    private static final MonitorSettings SETTINGS = MonitorSettings.http("http://localhost:8080/").withIntervalMs(10_000).withTimeoutMs(2_000);

    private final ManualRuntime runtime = new ManualRuntime();
    private final MonitorRepository repository = MonitorRepository.openSqliteInMemory();
    private VigilEngine engine;
    private EngineDiagnostics diagnostics;

    @AfterEach
    void close() {
        engine.close();
        repository.close();
    }

    private void open(boolean fallback) {
        engine = BothCheckers.builder(repository, runtime, fallback).build();
        diagnostics = engine.diagnostics();
    }

    /** The digest as its contract defines it, from the listing. */
    private long digestOfListing() {
        long sum = 0;
        for (LiveOperation live : diagnostics.liveOperations()) {
            sum += LiveOperation.digest(LiveOperation.digestOfCharacters(live.id()), live.cancelled());
        }
        return sum;
    }

    private String latestOperation() {
        return runtime.openAttempts().getLast().operationId();
    }

    @ParameterizedTest(name = "fallback = {0}")
    @ValueSource(booleans = {false, true})
    void theDigestIsTheSumOverTheLiveOperationsAtEveryStep(boolean fallback) {
        open(fallback);
        assertThat(diagnostics.liveOperationsDigest()).isZero();
        engine.add("m1", SETTINGS);
        engine.add("m2", SETTINGS);

        engine.start("m1");
        String first = latestOperation();
        long oneActive = diagnostics.liveOperationsDigest();
        assertThat(oneActive).isNotZero().isEqualTo(digestOfListing());

        engine.start("m2");
        assertThat(diagnostics.liveOperationsDigest()).isNotEqualTo(oneActive).isEqualTo(digestOfListing());

        engine.stop("m1"); // its operation stays, cancelled, until the probe is back
        assertThat(diagnostics.liveOperations()).anySatisfy(live -> {
            assertThat(live.id()).isEqualTo(first);
            assertThat(live.cancelled()).isTrue();
        });
        assertThat(diagnostics.liveOperationsDigest()).isEqualTo(digestOfListing());

        runtime.answer(first, ProbeResult.up(2, "late"));
        runtime.answer(latestOperation(), ProbeResult.up(2, "HTTP 200"));
        assertThat(diagnostics.liveOperations()).isEmpty();
        assertThat(diagnostics.liveOperationsDigest()).isZero();
    }

    @ParameterizedTest(name = "fallback = {0}")
    @ValueSource(booleans = {false, true})
    void aMonitorNeverCheckedAndAnUnknownOneHaveNoWaitingRequest(boolean fallback) {
        open(fallback);
        engine.add("m1", SETTINGS);

        assertThat(diagnostics.waitingRequest("m1")).isEmpty();
        assertThat(diagnostics.waitingRequest("nope")).isEmpty();
    }

    @ParameterizedTest(name = "fallback = {0}")
    @ValueSource(booleans = {false, true})
    void ticksOnTimeAreNeverSkippedAndEachBeginsOneCheck(boolean fallback) {
        open(fallback);
        engine.add("m1", SETTINGS);
        engine.start("m1");
        runtime.answer(latestOperation(), ProbeResult.up(2, "HTTP 200"));

        for (int tick = 1; tick <= 3; tick++) {
            runtime.advanceBy(10_000);
            assertThat(runtime.openAttempts()).as("tick %d", tick).hasSize(1);
            runtime.answer(latestOperation(), ProbeResult.up(2, "HTTP 200"));
        }

        assertThat(diagnostics.skippedTicks()).isZero();
        assertThat(engine.history("m1")).hasSize(4);
    }
}
