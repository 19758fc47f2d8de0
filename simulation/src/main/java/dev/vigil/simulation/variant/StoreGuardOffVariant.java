package dev.vigil.simulation.variant;

import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.check.CheckerFactory;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.status.ApplyOutcome;
import dev.vigil.simulation.store.SimulatedStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The status update trusts the engine's memory and writes the store unconditionally: the in-memory
 * half of the check is right, but the store's half of the compare-and-set is gone. With one engine
 * alone on its store nothing shows; when another writer (a second engine's recovery, an operator's
 * SQL) emptied the stored list, a result the store would have refused lands. To a user: two
 * engines on one database, and a check the other one cancelled still flips the status.
 */
public final class StoreGuardOffVariant implements EngineVariant {
    public static final String NAME = "store-guard-off";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Writes the result without the store's compare-and-set: after another writer emptied the stored list of operations, "
                + "a result the store would refuse is applied.";
    }

    @Override
    public String exploreScope() {
        return "foreign-writer";
    }

    @Override
    public CheckerFactory checkerFactory(SimulatedStore store) {
        return DiscardedResults.mishandledBy((context, operation, result, discarded) -> {
            Optional<MonitorSnapshot> monitor = context.monitors().get(operation.monitorId());
            boolean memoryAgrees = context.registry().validateOperation(operation.id(), operation.monitorId())
                    && monitor.isPresent() && monitor.get().activeOperations().contains(operation.id())
                    && (monitor.get().monitoring() || operation.manual());
            if (!memoryAgrees) {
                return discarded;
            }
            // Only the store refused: write it anyway, as an unguarded UPDATE does.
            MonitorSnapshot before = monitor.get();
            CheckRecord record = DiscardedResults.recordOf(context, operation, result);
            try {
                writeUnguarded(store.rawConnection(), before, record);
            } catch (SQLException e) {
                throw new IllegalStateException("the store-guard-off variant could not write its result", e);
            }
            MonitorSnapshot after = before.withApplied(record);
            context.monitors().put(after);
            context.events().publish(new EngineEvent.CheckCompleted(operation.monitorId(), operation.id(), record.status(),
                    record.responseTimeMs(), record.details(), operation.manual()));
            if (after.status() != before.status()) {
                context.events().publish(new EngineEvent.StatusChanged(operation.monitorId(), before.status(), after.status()));
            }
            return new ApplyOutcome.Applied(record);
        });
    }

    private static void writeUnguarded(Connection connection, MonitorSnapshot monitor, CheckRecord record) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE monitors SET status = CASE WHEN monitoring THEN ? ELSE status END,"
                + " last_checked_at = ?, response_time_ms = ?, active_operations = '[]' WHERE id = ?")) {
            update.setString(1, record.status().name());
            update.setLong(2, record.atMs());
            update.setLong(3, record.responseTimeMs());
            update.setString(4, monitor.id());
            update.executeUpdate();
        }
        DiscardedResults.appendHistory(connection, monitor.id(), record);
    }
}
