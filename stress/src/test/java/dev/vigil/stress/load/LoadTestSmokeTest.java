package dev.vigil.stress.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.event.EngineEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The CI-sized load test: a few hundred monitors at a 1 s interval for a few seconds against the
 * loopback server, on every build. Asserts the audit and that checks ran, never timings (the
 * machine is shared; figures come from {@code stress/bench.sh}). About 15 s in all.
 */
class LoadTestSmokeTest {

    @Test
    void steadyLoadPassesTheAuditAndChecksRun() throws Exception {
        LoadOptions options = new LoadOptions(LoadOptions.Scenario.STEADY, 200, 1_000, 5_000, 1_000, 0, Optional.empty());

        LoadReport report = run(options);

        assertThat(report.violations()).isEmpty();
        assertThat(report.auditPassed()).isTrue();
        assertThat(report.checksCompleted()).as("checks applied").isGreaterThan(200);
        assertThat(report.historyRows()).isGreaterThanOrEqualTo(report.checksCompleted());
        assertThat(report.tickLag().count()).as("ticks measured").isPositive();
        assertThat(report.databaseLocked()).isZero();
        assertThat(report.storeFailures()).isZero();
    }

    @Test
    void stopStartStormLeavesNoStaleWrite() throws Exception {
        LoadOptions options = new LoadOptions(LoadOptions.Scenario.STORM, 100, 1_000, 2_000, 1_000, 50, Optional.empty());

        LoadReport report = run(options);

        assertThat(report.violations()).isEmpty();
        assertThat(report.stormCommands()).as("stop/start commands").isPositive();
        assertThat(report.historyRows()).isPositive();
    }

    @Test
    void auditFlagsAResultThatAStopCancelled() {
        OperationAudit audit = new OperationAudit();
        audit.lifecycleCommitted("m1"); // start, in the lane
        audit.begun("m1", "op-1");
        audit.lifecycleCommitted("m1"); // stop, in the lane
        audit.onEvent(new EngineEvent.MonitoringStarted("m1"));
        audit.onEvent(new EngineEvent.MonitoringStopped("m1"));

        audit.onEvent(new EngineEvent.CheckCompleted("m1", "op-1", MonitorStatus.UP, 3, "HTTP 200", false));
        audit.onEvent(new EngineEvent.StatusChanged("m1", MonitorStatus.PAUSED, MonitorStatus.UP));

        assertThat(audit.violationCount()).isEqualTo(2);
        assertThat(audit.violations()).anySatisfy(violation -> assertThat(violation).contains("cancelled it"));
        assertThat(audit.violations()).anySatisfy(violation -> assertThat(violation).contains("stopped monitor m1 changed status"));
    }

    @Test
    void auditFlagsHistoryRowsNoValidOperationApplied() {
        OperationAudit audit = new OperationAudit();
        audit.lifecycleCommitted("m1");
        audit.begun("m1", "op-1");
        audit.onEvent(new EngineEvent.MonitoringStarted("m1"));
        audit.onEvent(new EngineEvent.CheckCompleted("m1", "op-1", MonitorStatus.UP, 3, "HTTP 200", false));

        audit.auditHistory("m1", List.of(new CheckRecord("op-1", 1, MonitorStatus.UP, 3, "HTTP 200"),
                new CheckRecord("op-ghost", 2, MonitorStatus.DOWN, 3, "timed out")));
        audit.auditHistory("m2", List.of());

        assertThat(audit.violations()).singleElement().asString().contains("op-ghost");
    }

    @Test
    void optionsRejectBadValuesNamingTheOption() {
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--monitors", "0"}))
                .hasMessageContaining("--monitors = 0 must be within 1 … 200000");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--scenario", "chaos"}))
                .hasMessageContaining("expected steady, hang or storm");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--duration-s", "ten"}))
                .hasMessageContaining("--duration-s = 'ten' is not a whole number");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--interval-ms"}))
                .hasMessageContaining("--interval-ms needs a value");
        assertThat(LoadOptions.parse(new String[] {"--scenario", "hang"}).monitors()).isEqualTo(1_000);
    }

    private static LoadReport run(LoadOptions options) throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        LoadReport report = LoadRun.run(options, new PrintStream(progress, true, StandardCharsets.UTF_8));
        report.print(new PrintStream(progress, true, StandardCharsets.UTF_8));
        System.out.print(progress.toString(StandardCharsets.UTF_8));
        return report;
    }
}
