package dev.vigil.engine.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.EngineClosedException;
import dev.vigil.engine.HistoryRetention;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.assembly.EngineAssembly;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.store.MonitorRepository;
import dev.vigil.engine.testing.ManualRuntime;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteDataSource;

/**
 * {@code pruneHistory} over every monitor: it deletes what the retention says, monitor by monitor,
 * and returns the total; a closed engine refuses it and the paged read like every other call.
 */
class HistoryPruningTest {
    private static final MonitorSettings SETTINGS = MonitorSettings.http("http://localhost:8080/").withIntervalMs(10_000).withTimeoutMs(2_000);

    private final ManualRuntime runtime = new ManualRuntime();
    private final MonitorRepository repository = MonitorRepository.openSqliteInMemory();
    private final VigilEngine engine = EngineAssembly.builder(repository).runtime(runtime).intervalMsMin(1_000).build();

    @AfterEach
    void close() {
        engine.close();
        repository.close();
    }

    private void checks(String monitorId, int count) {
        for (int i = 0; i < count; i++) {
            engine.checkNow(monitorId);
            runtime.answer(runtime.openAttempts().getLast().operationId(), ProbeResult.up(10 + i, "HTTP 200"));
            runtime.deliverEvents();
        }
    }

    @Test
    void pruningKeepsTheNewestRecordsOfEachMonitorAndReturnsHowManyWentInAll() {
        engine.add("api", SETTINGS);
        engine.add("web", SETTINGS);
        checks("api", 4);
        checks("web", 3);

        assertThat(engine.pruneHistory(HistoryRetention.byCount(2))).isEqualTo(2 + 1);
        assertThat(engine.history("api")).hasSize(2).allMatch(record -> record.responseTimeMs() >= 12);
        assertThat(engine.history("web")).hasSize(2).allMatch(record -> record.responseTimeMs() >= 11);
        assertThat(engine.pruneHistory(HistoryRetention.byCount(2))).isZero();
    }

    @Test
    void aClosedEngineRefusesThePagedReadAndPruning() {
        engine.add("api", SETTINGS);
        checks("api", 1);
        engine.close();

        assertThatThrownBy(() -> engine.historyPage("api", 10, OptionalLong.empty())).isInstanceOf(EngineClosedException.class);
        assertThatThrownBy(() -> engine.pruneHistory(HistoryRetention.byCount(1))).isInstanceOf(EngineClosedException.class);
    }
}
