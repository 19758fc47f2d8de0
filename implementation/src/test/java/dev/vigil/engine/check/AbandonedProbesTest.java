package dev.vigil.engine.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.spi.AttemptKey;
import dev.vigil.engine.spi.TimerKind;
import dev.vigil.engine.store.MonitorRepository;
import dev.vigil.engine.testing.ManualRuntime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which commands abandon a probe that is out: remove and close cancel it (nobody will read its
 * result), a stop leaves it out, so that the monitor's next probe cannot overlap it (SPEC R4, R5).
 * Both checkers, through the public API; the probe's future is what a custom probe would see.
 */
class AbandonedProbesTest {
    private static final MonitorSettings SETTINGS = MonitorSettings.http("http://localhost:8080/").withIntervalMs(10_000).withTimeoutMs(2_000);

    private final ManualRuntime runtime = new ManualRuntime();
    private final MonitorRepository repository = MonitorRepository.openSqliteInMemory();
    private VigilEngine engine;

    @AfterEach
    void close() {
        engine.close();
        repository.close();
    }

    /** Builds the engine and starts {@code monitorIds}: each has one probe out. */
    private List<CompletableFuture<ProbeResult>> probing(boolean fallback, String... monitorIds) {
        engine = BothCheckers.builder(repository, runtime, fallback).build();
        for (String monitorId : monitorIds) {
            engine.add(monitorId, SETTINGS);
            engine.start(monitorId);
        }
        List<AttemptKey> open = runtime.openAttempts();
        assertThat(open).hasSize(monitorIds.length);
        return open.stream().map(key -> runtime.probe(key.operationId()).orElseThrow()).toList();
    }

    @ParameterizedTest(name = "fallback = {0}")
    @ValueSource(booleans = {false, true})
    void closeCancelsEveryProbeStillOut(boolean fallback) {
        List<CompletableFuture<ProbeResult>> probes = probing(fallback, "m1", "m2");

        engine.close();

        assertThat(probes).allMatch(CompletableFuture::isCancelled);
    }

    @ParameterizedTest(name = "fallback = {0}")
    @ValueSource(booleans = {false, true})
    void removeCancelsTheMonitorsProbeAndNoOtherAndItsTimers(boolean fallback) {
        List<CompletableFuture<ProbeResult>> probes = probing(fallback, "m1", "m2");

        engine.remove("m1");

        assertThat(probes.get(0)).isCancelled();
        assertThat(probes.get(1)).isNotDone();
        assertThat(runtime.pendingTimers(TimerKind.ATTEMPT_TIMEOUT)).isOne();
        assertThat(runtime.pendingTimers(TimerKind.DEADLINE)).isOne();
        assertThat(engine.diagnostics().liveOperations()).singleElement().satisfies(live -> assertThat(live.monitorId()).isEqualTo("m2"));
    }

    @ParameterizedTest(name = "fallback = {0}")
    @ValueSource(booleans = {false, true})
    void aStopLeavesTheProbeOutUntilItReturns(boolean fallback) {
        List<CompletableFuture<ProbeResult>> probes = probing(fallback, "m1");

        engine.stop("m1");

        assertThat(probes.getFirst()).isNotDone();
        assertThat(engine.diagnostics().liveOperations()).singleElement().satisfies(live -> assertThat(live.cancelled()).isTrue());
        probes.getFirst().complete(ProbeResult.up(3, "late"));
        assertThat(engine.diagnostics().liveOperations()).isEmpty();
        assertThat(engine.history("m1")).isEmpty();
    }
}
