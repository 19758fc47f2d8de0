package dev.vigil.simulation.variant;

import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.StoreException;
import dev.vigil.engine.check.CheckerFactory;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.status.ApplyOutcome;
import dev.vigil.simulation.store.SimulatedStore;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalLong;

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
    public boolean needsSqlite() {
        return true; // it writes its history row with plain SQL
    }

    @Override
    public CheckerFactory checkerFactory(SimulatedStore store) {
        return DiscardedResults.mishandledBy((context, operation, result, discarded) -> {
            Optional<MonitorSnapshot> before = context.monitors().get(operation.monitorId());
            if (before.isEmpty()) {
                return discarded;
            }
            CheckRecord record = DiscardedResults.recordOf(context, operation, result);
            try (PreparedStatement status = store.rawConnection().prepareStatement(
                    "UPDATE monitors SET status = ?, last_checked_at = ? WHERE id = ?")) {
                DiscardedResults.appendHistory(store.rawConnection(), operation.monitorId(), record);
                status.setString(1, record.status().name());
                status.setLong(2, record.atMs());
                status.setString(3, operation.monitorId());
                status.executeUpdate();
            } catch (SQLException e) {
                return new ApplyOutcome.Failed(new StoreException("naive write failed: " + e.getMessage(), e));
            }
            MonitorSnapshot after = new MonitorSnapshot(before.get().id(), before.get().settings(), before.get().monitoring(),
                    record.status(), OptionalLong.of(record.atMs()), record.responseTimeMs(), before.get().activeOperations());
            context.monitors().put(after);
            context.events().publish(new EngineEvent.CheckCompleted(operation.monitorId(), operation.id(), record.status(),
                    record.responseTimeMs(), record.details(), operation.manual()));
            if (after.status() != before.get().status()) {
                context.events().publish(new EngineEvent.StatusChanged(operation.monitorId(), before.get().status(), after.status()));
            }
            return new ApplyOutcome.Applied(record);
        });
    }
}
