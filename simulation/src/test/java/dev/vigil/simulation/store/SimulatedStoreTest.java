package dev.vigil.simulation.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.StoreException;
import dev.vigil.engine.store.MonitorRepository;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SimulatedStoreTest {
    private static final MonitorSettings HTTP = MonitorSettings.http("https://example.com/health");

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void eachFailurePointFailsExactlyTheNextTransactionAndLeavesNothingHalfWritten(StoreKind kind) {
        for (SimulatedStore.FailurePoint point : SimulatedStore.FailurePoint.values()) {
            try (SimulatedStore store = new SimulatedStore(kind)) {
                MonitorRepository repository = store.repository();
                repository.insert("m1", HTTP);

                store.failNextTransaction(point);
                assertThatThrownBy(() -> repository.setMonitoring("m1", true, MonitorStatus.PENDING))
                        .as(point.name()).isInstanceOf(StoreException.class);

                assertThat(store.armed()).as(point.name()).isFalse();
                assertThat(store.failuresInjected()).as(point.name()).isEqualTo(1);
                assertThat(repository.find("m1").orElseThrow().monitoring()).as(point.name() + ": nothing written").isFalse();
                // The next transaction runs, after a dropped connection too (its rollback is retried first).
                repository.setMonitoring("m1", true, MonitorStatus.PENDING);
                repository.setActiveOperations("m1", List.of("op-1"));
                assertThat(repository.find("m1").orElseThrow().monitoring()).as(point.name()).isTrue();
                assertThat(repository.find("m1").orElseThrow().activeOperations()).as(point.name()).containsExactly("op-1");
            }
        }
    }

    /** What the engine sees of a failure: its message and the messages of what went wrong with it. */
    private static List<String> failureSeen(StoreKind kind, SimulatedStore.FailurePoint point) {
        try (SimulatedStore store = new SimulatedStore(kind)) {
            store.repository().insert("m1", HTTP);
            store.failNextTransaction(point);
            try {
                store.repository().insert("m2", HTTP);
                throw new AssertionError("no failure at " + point);
            } catch (StoreException e) {
                return List.of(e.getMessage(), e.transaction().toString(),
                        Arrays.stream(e.getCause().getSuppressed()).map(Throwable::getMessage).toList().toString());
            }
        }
    }

    @Test
    void bothStoresFailTheSameWayAtEveryPoint() {
        for (SimulatedStore.FailurePoint point : SimulatedStore.FailurePoint.values()) {
            assertThat(failureSeen(StoreKind.MEMORY, point)).as(point.name()).isEqualTo(failureSeen(StoreKind.SQLITE, point));
        }
    }

    @Test
    void theInMemoryStoreHasNoSqlConnection() {
        try (SimulatedStore store = new SimulatedStore(StoreKind.MEMORY)) {
            assertThatThrownBy(store::rawConnection).isInstanceOf(IllegalStateException.class).hasMessageContaining("needsSqlite");
        }
    }
}
