package dev.vigil.engine.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.runtime.AttemptKey;
import dev.vigil.engine.store.MonitorRepository;
import dev.vigil.engine.testing.ManualRuntime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** When the enhanced services cannot be composed, the engine runs on the epoch checker, says so, and stays race-free. */
class FallbackCheckerTest {
    private static final MonitorSettings SETTINGS = MonitorSettings.http("http://localhost:8080/").withIntervalMs(10_000).withTimeoutMs(2_000);

    private final ManualRuntime runtime = new ManualRuntime();
    private final List<EngineEvent> events = new ArrayList<>();

    /** The events delivered so far: the event thread catches up first. */
    private List<EngineEvent> delivered() {
        runtime.deliverEvents();
        return events;
    }
    private MonitorRepository repository;
    private VigilEngine engine;

    @BeforeEach
    void open() {
        repository = MonitorRepository.openSqliteInMemory();
        CheckerFactory broken = new EnhancedMonitoringServiceFactory(context -> {
            throw new IllegalStateException("registry unavailable");
        });
        engine = VigilEngine.builder().repository(repository).runtime(runtime).listener(events::add).intervalMsMin(1_000)
                .checkerFactory(broken).build();
    }

    @AfterEach
    void close() {
        engine.close();
        repository.close();
    }

    private String lastAttemptOperation() {
        List<AttemptKey> open = runtime.openAttempts();
        return open.getLast().operationId();
    }

    @Test
    void theFallbackIsAnnouncedAndChecksStillLand() {
        assertThat(delivered()).singleElement().isInstanceOfSatisfying(EngineEvent.FallbackActivated.class,
                event -> assertThat(event.reason()).contains("registry unavailable"));

        engine.add("m1", SETTINGS);
        engine.start("m1");
        runtime.answer(lastAttemptOperation(), ProbeResult.up(3, "HTTP 200"));

        assertThat(engine.monitor("m1").orElseThrow().status()).isEqualTo(MonitorStatus.UP);
        assertThat(engine.history("m1")).hasSize(1);
    }

    @Test
    void aLateResultAfterStopIsDiscardedByTheEpoch() {
        engine.add("m1", SETTINGS);
        engine.start("m1");
        String inFlight = lastAttemptOperation();
        engine.stop("m1");

        runtime.answer(inFlight, ProbeResult.up(3, "late"));

        assertThat(engine.monitor("m1").orElseThrow().status()).isEqualTo(MonitorStatus.PAUSED);
        assertThat(engine.history("m1")).isEmpty();
    }

    @Test
    void checkNowSupersedesTheRunningCheck() {
        engine.add("m1", SETTINGS);
        engine.start("m1");
        String first = lastAttemptOperation();
        engine.checkNow("m1");

        assertThat(engine.waitingRequest("m1")).contains(true);
        runtime.answer(first, ProbeResult.down(3, "stale"));
        String second = lastAttemptOperation();
        assertThat(second).isNotEqualTo(first);
        runtime.answer(second, ProbeResult.up(3, "fresh"));

        assertThat(engine.history("m1")).singleElement().satisfies(record -> assertThat(record.details()).isEqualTo("fresh"));
    }

    @Test
    void attemptsTimeOutAndAreRetried() {
        engine.add("m1", SETTINGS.withRetryAttempts(1));
        engine.start("m1");
        runtime.advanceBy(2_000);
        runtime.advanceBy(500);
        runtime.advanceBy(2_000);

        assertThat(engine.history("m1")).singleElement().satisfies(record -> assertThat(record.details()).isEqualTo("timed out after 2000 ms"));
        assertThat(engine.monitor("m1").orElseThrow().status()).isEqualTo(MonitorStatus.DOWN);
    }
}
