package dev.vigil.simulation.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.StoreException;
import dev.vigil.engine.store.MonitorRepository;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedStoreTest {
    private static final MonitorSettings HTTP = MonitorSettings.http("https://example.com/health");

    @Test
    void eachFailurePointFailsExactlyTheNextTransactionAndLeavesNothingHalfWritten() {
        for (SimulatedStore.FailurePoint point : SimulatedStore.FailurePoint.values()) {
            try (SimulatedStore store = new SimulatedStore()) {
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
}
