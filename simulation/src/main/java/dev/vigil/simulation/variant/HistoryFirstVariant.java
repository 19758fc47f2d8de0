package dev.vigil.simulation.variant;

import dev.vigil.engine.check.CheckerFactory;
import dev.vigil.engine.check.EnhancedMonitorChecker;
import dev.vigil.engine.operation.RetryPolicy;
import dev.vigil.engine.status.ApplyOutcome;
import dev.vigil.engine.status.MonitorStatusUpdateService;
import dev.vigil.engine.status.ResultApplier;
import dev.vigil.simulation.store.SimulatedStore;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The history record is written before the result is validated: the status update is correct
 * (compare-and-set), but every result, stale or not, leaves a history record first. To a user: a
 * paused monitor's history shows checks that never counted, and the uptime figures lie.
 */
public final class HistoryFirstVariant implements EngineVariant {
    public static final String NAME = "history-first";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Appends the history record before validating the result: stale results of stopped or superseded checks "
                + "leave records in history although the status is (correctly) not changed.";
    }

    @Override
    public CheckerFactory checkerFactory(SimulatedStore store) {
        return context -> {
            ResultApplier correct = new MonitorStatusUpdateService(context.registry(), context.monitors(), context.repository(),
                    context.events(), context.runtime().clock());
            return new EnhancedMonitorChecker(context, (operation, result) -> {
                ApplyOutcome outcome = correct.apply(operation, result);
                if (outcome instanceof ApplyOutcome.Discarded && context.monitors().contains(operation.monitorId())) {
                    // The bug: this record was written before anyone asked whether the result counts.
                    try (PreparedStatement history = store.rawConnection().prepareStatement(
                            "INSERT INTO history (monitor_id, operation_id, at_ms, status, response_time_ms, details) VALUES (?, ?, ?, ?, ?, ?)")) {
                        history.setString(1, operation.monitorId());
                        history.setString(2, operation.id());
                        history.setLong(3, context.runtime().clock().wallTimeMs());
                        history.setString(4, result.up() ? "UP" : "DOWN");
                        history.setLong(5, result.responseTimeMs());
                        history.setString(6, result.details());
                        history.executeUpdate();
                    } catch (SQLException e) {
                        throw new IllegalStateException("the history-first variant could not write its record", e);
                    }
                }
                return outcome;
            }, RetryPolicy::deadlineDelayMs);
        };
    }
}
