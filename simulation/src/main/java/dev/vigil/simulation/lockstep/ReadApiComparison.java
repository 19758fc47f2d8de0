package dev.vigil.simulation.lockstep;

import dev.vigil.engine.UnknownMonitorException;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.spi.LiveOperation;
import dev.vigil.engine.store.MonitorRepository;
import dev.vigil.model.ModelState;
import dev.vigil.model.Timer;
import dev.vigil.model.TimerKind;
import dev.vigil.simulation.scenario.MonitorIds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The engine's read API and diagnostics, which the observable view reads around (it reads the
 * store and the runtime directly), held to what that view already established: history read
 * through the engine equals the store's, an id that was never added is refused as by every
 * command, {@code hasTick} is true exactly when the model has the monitor's tick pending (so
 * false for every monitor of a closed engine), {@code liveOperations} comes in its
 * documented order, by monitor id then operation id (the view compares it as a map),
 * {@code skippedTicks} counts the ticks the model skipped since this engine opened (R4),
 * {@code liveOperationsDigest} is the sum its contract defines over the live operations the view
 * compared (the comparisons use that digest only as a fast path, where a wrong one just sends them
 * to build the views, so without this check a digest that broke its contract would pass every
 * run), and {@code lanesInUse} is 0: between two events nothing runs in the engine, so a lane
 * still counted was never released or never dropped.
 */
final class ReadApiComparison {
    private static final Comparator<LiveOperation> LIVE_OPERATION_ORDER = Comparator.comparing(LiveOperation::monitorId)
            .thenComparing(LiveOperation::id);

    private ReadApiComparison() {
    }

    /**
     * @param engine   the engine, open or closed, or {@code null} while crashed (nothing to ask)
     * @param engineUp whether it is open: a closed engine refuses reads
     * @return the differences, empty when the read API agrees
     */
    static List<String> problems(ModelState model, VigilEngine engine, boolean engineUp, MonitorRepository repository) {
        List<String> problems = new ArrayList<>();
        if (engine == null) {
            return problems;
        }
        int lanes = engine.diagnostics().lanesInUse();
        if (lanes != 0) {
            problems.add("diagnostics().lanesInUse() is " + lanes + " between events, when nothing runs in the engine");
        }
        long skipped = engine.diagnostics().skippedTicks();
        if (skipped != model.skippedTicks()) {
            problems.add("diagnostics().skippedTicks() is " + skipped + ", the model counts " + model.skippedTicks()
                    + " ticks skipped while a check was ACTIVE");
        }
        io.vavr.collection.List<Timer> timers = model.pendingTimers();
        for (String id : model.monitorIds()) {
            boolean tickPending = timers.exists(timer -> timer.kind() == TimerKind.TICK && timer.monitorId().equals(id));
            if (engine.diagnostics().hasTick(id) != tickPending) {
                problems.add("monitor " + id + ": hasTick() is " + !tickPending + ", the model has " + (tickPending ? "a" : "no")
                        + " tick pending");
            }
            if (engineUp) {
                try {
                    if (!engine.history(id).equals(repository.history(id))) {
                        problems.add("monitor " + id + ": history() differs from the committed history");
                    }
                } catch (RuntimeException refused) {
                    problems.add("monitor " + id + ": history() threw " + refused + " for a monitor in the store");
                }
            }
        }
        String unknown = MonitorIds.unknown();
        if (!model.monitorIds().contains(unknown)) {
            if (engine.diagnostics().hasTick(unknown)) {
                problems.add("hasTick(" + unknown + ") is true for a monitor that was never added");
            }
            if (engineUp) {
                try {
                    engine.history(unknown);
                    problems.add("history(" + unknown + ") returned for a monitor that was never added, instead of throwing"
                            + " UnknownMonitorException");
                } catch (UnknownMonitorException expected) {
                    // as documented
                }
            }
        }
        if (engineUp) {
            long digest = engine.diagnostics().liveOperationsDigest();
            if (digest != model.registryDigest()) {
                problems.add("diagnostics().liveOperationsDigest() is " + digest + ", the live operations sum to "
                        + model.registryDigest());
            }
            List<LiveOperation> live = engine.diagnostics().liveOperations();
            for (int i = 1; i < live.size(); i++) {
                if (LIVE_OPERATION_ORDER.compare(live.get(i - 1), live.get(i)) > 0) {
                    problems.add("liveOperations() is not ordered by monitor id then operation id: " + live);
                    break;
                }
            }
        }
        return problems;
    }
}
