package dev.vigil.stress.lincheck;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.stress.variants.ReadThenWriteStatusUpdate;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Test;

/**
 * NEGATIVE CONTROL: a status update done as read-then-write ({@link ReadThenWriteStatusUpdate}:
 * stop and apply on the engine's real table and registry, without lane or compare-and-set), on
 * the monitor lane's budget. Lincheck must report it not linearizable: a result that read
 * "monitoring" writes its row back after a stop, and the paused monitor is monitoring and UP.
 */
public class ReadThenWriteStatusControlTest {
    private final ReadThenWriteStatusUpdate monitor = new ReadThenWriteStatusUpdate();

    @Operation
    public boolean stop() {
        return monitor.stop();
    }

    @Operation
    public boolean applyUp() {
        return monitor.applyUp();
    }

    @Operation
    public String status() {
        MonitorSnapshot row = monitor.read();
        return row.monitoring() + "/" + row.status();
    }

    @Test
    void modelCheckingCatchesTheReadThenWriteRace() {
        assertThatThrownBy(() -> LincheckBudget.statusControlModelChecking().modelChecking()
                .check(ReadThenWriteStatusControlTest.class))
                .as("Lincheck must report the read-then-write status update as not linearizable")
                .isInstanceOf(LincheckAssertionError.class);
    }
}
