package dev.vigil.engine.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.StoreException;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.testing.ManualRuntime;
import dev.vigil.engine.testing.PostgresTestDatabase;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** SPEC "Nodes" N1: two engines on one PostgreSQL database, as two replicas of an application would be. */
@EnabledIfEnvironmentVariable(named = PostgresTestDatabase.URL_VARIABLE, matches = "jdbc:postgresql:.+")
class PostgresSingleWriterGuardTest {

    @Test
    void aSecondEngineOnTheSameDatabaseIsRefusedUntilTheFirstCloses() {
        DataSource database = PostgresTestDatabase.dataSource(PostgresTestDatabase.freshSchema());
        try (VigilEngine first = VigilEngine.builder().dataSource(database).runtime(new ManualRuntime()).nodeId("replica-1").build()) {
            first.add("m", MonitorSettings.http("http://localhost:8080/"));
            assertThatThrownBy(() -> VigilEngine.builder().dataSource(database).runtime(new ManualRuntime()).nodeId("replica-2").build())
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("another engine holds the store behind the data source: node 'replica-1' holds its lease until ")
                    .hasMessageContaining("(database time, ");
        }
        try (VigilEngine second = VigilEngine.builder().dataSource(database).runtime(new ManualRuntime()).nodeId("replica-2").build()) {
            assertThat(second.monitor("m")).isPresent();
            assertThat(second.nodeId()).contains("replica-2");
        }
    }
}
