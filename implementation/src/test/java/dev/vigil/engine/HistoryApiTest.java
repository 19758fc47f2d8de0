package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's paged history read and pruning command: their validation and unknown monitors. */
class HistoryApiTest {
    @TempDir
    Path folder;

    @Test
    void retentionRejectsLimitsThatCannotBeMeant() {
        assertThatThrownBy(() -> HistoryRetention.byAge(30))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessage("ageMsMax = 30 is invalid: allowed 0 (off) or 60000 … " + Long.MAX_VALUE);
        assertThatThrownBy(() -> HistoryRetention.byCount(0))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageStartingWith("recordsMaxPerMonitor = 0 is invalid");
        assertThatThrownBy(() -> new HistoryRetention(0, 0))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessage("retention = no limit is invalid: set ageMsMax, recordsMaxPerMonitor or both");
        assertThat(new HistoryRetention(86_400_000, 100)).isEqualTo(new HistoryRetention(86_400_000, 100));
    }

    @Test
    void anUnknownMonitorIsRefusedLikeEveryCommandAndPruningAnEmptyHistoryDeletesNothing() {
        try (VigilEngine engine = VigilEngine.builder().storeFile(folder.resolve("vigil.db")).build()) {
            assertThatThrownBy(() -> engine.historyPage("nope", 10, OptionalLong.empty()))
                    .isInstanceOf(UnknownMonitorException.class);
            engine.add("site", MonitorSettings.tcp("127.0.0.1:9").withIntervalMs(60_000).withTimeoutMs(1_000));
            assertThat(engine.historyPage("site", 10, OptionalLong.empty()).records()).isEmpty();
            assertThat(engine.pruneHistory(HistoryRetention.byCount(10))).isZero();
            assertThatThrownBy(() -> engine.historyPage("site", 0, OptionalLong.empty()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
