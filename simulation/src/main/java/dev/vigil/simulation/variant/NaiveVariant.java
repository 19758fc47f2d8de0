package dev.vigil.simulation.variant;

import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.StoreException;
import dev.vigil.engine.check.CheckerFactory;
import dev.vigil.engine.check.EnhancedMonitorChecker;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.operation.RetryPolicy;
import dev.vigil.engine.status.ApplyOutcome;
import dev.vigil.engine.status.MonitorStatusUpdateService;
import dev.vigil.engine.status.ResultApplier;
import dev.vigil.simulation.store.SimulatedStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The race of the seed document: results are not correlated with operations. The checker runs
 * exactly as the real one, but every result is written as it arrives, whether its operation was
 * cancelled by a stop, superseded by a checkNow, or belongs to a monitor that was paused meanwhile.
 * To a user: they stop monitoring a site, and a moment later it shows UP (or DOWN) again.
 */
public final class NaiveVariant implements EngineVariant {
    public static final String NAME = "naive";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "No operation correlation: a check's result is written whenever it arrives, so a check that was in flight "
                + "when monitoring stopped flips the paused monitor back to UP or DOWN (the seed document's race).";
    }

    @Override
    public CheckerFactory checkerFactory(SimulatedStore store) {
        return context -> {
            ResultApplier correct = new MonitorStatusUpdateService(context.registry(), context.monitors(), context.repository(),
                    context.events(), context.runtime().clock());
            return new EnhancedMonitorChecker(context, (operation, result) -> {
            // On the happy path it behaves exactly as the engine; only a result the engine would
            // discard is written anyway, past every check, as uncorrelated code does.
            ApplyOutcome outcome = correct.apply(operation, result);
            if (!(outcome instanceof ApplyOutcome.Discarded)) {
                return outcome;
            }
            Optional<MonitorSnapshot> before = context.monitors().get(operation.monitorId());
            if (before.isEmpty()) {
                return new ApplyOutcome.Discarded("monitor was removed");
            }
            CheckRecord record = new CheckRecord(operation.id(), context.runtime().clock().wallTimeMs(),
                    result.up() ? MonitorStatus.UP : MonitorStatus.DOWN, result.responseTimeMs(), result.details());
            Connection connection = store.rawConnection();
            try (PreparedStatement history = connection.prepareStatement(
                            "INSERT INTO history (monitor_id, operation_id, at_ms, status, response_time_ms, details) VALUES (?, ?, ?, ?, ?, ?)");
                    PreparedStatement status = connection.prepareStatement("UPDATE monitors SET status = ?, last_checked_at = ? WHERE id = ?")) {
                history.setString(1, operation.monitorId());
                history.setString(2, operation.id());
                history.setLong(3, record.atMs());
                history.setString(4, record.status().name());
                history.setLong(5, record.responseTimeMs());
                history.setString(6, record.details());
                history.executeUpdate();
                status.setString(1, record.status().name());
                status.setLong(2, record.atMs());
                status.setString(3, operation.monitorId());
                status.executeUpdate();
            } catch (SQLException e) {
                return new ApplyOutcome.Failed(new StoreException("naive write failed: " + e.getMessage(), e));
            }
            MonitorSnapshot after = new MonitorSnapshot(before.get().id(), before.get().settings(), before.get().monitoring(),
                    record.status(), java.util.OptionalLong.of(record.atMs()), record.responseTimeMs(), before.get().activeOperations());
            context.monitors().put(after);
            context.events().publish(new EngineEvent.CheckCompleted(operation.monitorId(), operation.id(), record.status(),
                    record.responseTimeMs(), record.details(), operation.manual()));
            if (after.status() != before.get().status()) {
                context.events().publish(new EngineEvent.StatusChanged(operation.monitorId(), before.get().status(), after.status()));
            }
            return new ApplyOutcome.Applied(record);
            }, RetryPolicy::deadlineDelayMs);
        };
    }
}
