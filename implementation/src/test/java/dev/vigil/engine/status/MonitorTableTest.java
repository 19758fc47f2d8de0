package dev.vigil.engine.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.MonitorStatus;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The in-memory view: put replaces by id, ids come sorted, clear forgets all before recovery. */
class MonitorTableTest {
    private static MonitorSnapshot paused(String id) {
        return new MonitorSnapshot(id, MonitorSettings.http("http://localhost:8080/"), false, MonitorStatus.PAUSED,
                OptionalLong.empty(), 0, List.of());
    }

    @Test
    void putReplacesByIdAndIdsComeSorted() {
        MonitorTable table = new MonitorTable();
        table.put(paused("web"));
        table.put(paused("api"));
        table.put(new MonitorSnapshot("web", MonitorSettings.http("http://localhost:8080/"), false, MonitorStatus.PAUSED,
                OptionalLong.empty(), 0, List.of("op-1")));

        assertThat(table.size()).isEqualTo(2);
        assertThat(table.idsAscending()).containsExactly("api", "web");
        assertThat(table.get("web").orElseThrow().activeOperations()).containsExactly("op-1");
    }

    @Test
    void removeAndClearForget() {
        MonitorTable table = new MonitorTable();
        table.put(paused("web"));
        table.put(paused("api"));

        table.remove("web");
        assertThat(table.contains("web")).isFalse();
        assertThat(table.contains("api")).isTrue();

        table.clear();
        assertThat(table.size()).isZero();
        assertThat(table.get("api")).isEmpty();
        assertThat(table.idsAscending()).isEmpty();
    }
}
