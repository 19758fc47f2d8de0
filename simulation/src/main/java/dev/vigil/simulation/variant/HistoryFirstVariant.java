package dev.vigil.simulation.variant;

import dev.vigil.engine.check.CheckerFactory;
import dev.vigil.simulation.store.SimulatedStore;
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
    public boolean needsSqlite() {
        return true; // it writes its history row with plain SQL
    }

    @Override
    public CheckerFactory checkerFactory(SimulatedStore store) {
        return DiscardedResults.mishandledBy((context, operation, result, discarded) -> {
            if (context.monitors().contains(operation.monitorId())) {
                try {
                    DiscardedResults.appendHistory(store.rawConnection(), operation.monitorId(),
                            DiscardedResults.recordOf(context, operation, result));
                } catch (SQLException e) {
                    throw new IllegalStateException("the history-first variant could not write its record", e);
                }
            }
            return discarded;
        });
    }
}
