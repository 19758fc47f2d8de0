package dev.vigil.simulation.variant;

import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.check.CheckerFactory;
import dev.vigil.simulation.store.SimulatedStore;
import java.util.Optional;

/**
 * The status update trusts the engine's memory over the store: before applying, it writes the
 * in-memory list of operations back to the row, so the store's half of the compare-and-set always
 * agrees. With one engine alone on its store nothing shows; when another writer (a second
 * engine's recovery, an operator's SQL) emptied the stored list, a result the store would have
 * refused lands. To a user: two engines on one database, and a check the other one cancelled
 * still flips the status.
 */
public final class StoreGuardOffVariant implements EngineVariant {
    public static final String NAME = "store-guard-off";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Writes the engine's in-memory list of operations back to the store before applying, defeating the store's compare-and-set: "
                + "after another writer emptied the stored list, a result the store would refuse is applied.";
    }

    @Override
    public String exploreScope() {
        return "foreign-writer";
    }

    @Override
    public CheckerFactory checkerFactory(SimulatedStore store) {
        return CorrectApply.around((context, correct, operation, result) -> {
            Optional<MonitorSnapshot> monitor = context.monitors().get(operation.monitorId());
            // The bug: memory overrides the row, past the engine's own transactions.
            monitor.ifPresent(m -> store.outsideThisEngine(() -> context.repository().setActiveOperations(m.id(), m.activeOperations())));
            return correct.apply(operation, result);
        });
    }
}
