package dev.vigil.simulation.lockstep;

import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.EngineClosedException;
import dev.vigil.engine.HistoryPage;
import dev.vigil.engine.UnknownMonitorException;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.spi.LiveOperation;
import dev.vigil.engine.store.MonitorRepository;
import dev.vigil.model.ModelState;
import dev.vigil.model.Timer;
import dev.vigil.model.TimerKind;
import dev.vigil.simulation.scenario.MonitorIds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * The engine's read API and diagnostics, which the observable view reads around (it reads the
 * store and the runtime directly), held to what that view already established: history read
 * through the engine equals the store's, and so do its newest two pages read by cursor (a closed
 * engine refuses the paged read); an id that was never added is refused as by every command;
 * {@code hasTick} is true exactly when the model has the monitor's tick pending (so false for
 * every monitor of a closed engine); {@code liveOperations} comes in its documented order, by
 * monitor id then operation id (the view compares it as a map); {@code skippedTicks} counts the
 * ticks the model skipped since this engine opened (R4); {@code liveOperationsDigest} is the sum
 * its contract defines over the live operations the view compared (the comparisons use that
 * digest only as a fast path, where a wrong one just sends them to build the views, so without
 * this check a digest that broke its contract would pass every run); and {@code lanesInUse} is 0:
 * between two events nothing runs in the engine, so a lane still counted was never released or
 * never dropped.
 */
final class ReadApiComparison {
    /** Records per page of the paged history read, and pages read per comparison. */
    private static final int PAGE_RECORDS = 2;
    private static final int PAGES = 2;
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
                    problems.addAll(pagedHistoryProblems(engine, repository, id));
                } catch (RuntimeException refused) {
                    problems.add("monitor " + id + ": history() or historyPage() threw " + refused + " for a monitor in the store");
                }
            } else {
                try {
                    engine.historyPage(id, PAGE_RECORDS, OptionalLong.empty());
                    problems.add("monitor " + id + ": historyPage() of a closed engine returned instead of throwing EngineClosedException");
                } catch (EngineClosedException expected) {
                    // as documented
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
                try {
                    engine.historyPage(unknown, PAGE_RECORDS, OptionalLong.empty());
                    problems.add("historyPage(" + unknown + ") returned for a monitor that was never added, instead of throwing"
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

    /**
     * The newest two pages, read by cursor, against the committed history's tail: the same
     * records newest first, and a next cursor exactly when older records remain. Two small pages
     * exercise the cursor at a bounded cost per comparison, however long the history grows.
     */
    private static List<String> pagedHistoryProblems(VigilEngine engine, MonitorRepository repository, String id) {
        List<CheckRecord> newestFirst = new ArrayList<>(repository.historyTail(id, PAGES * PAGE_RECORDS + 1));
        Collections.reverse(newestFirst);
        OptionalLong cursor = OptionalLong.empty();
        int read = 0;
        for (int page = 1; page <= PAGES; page++) {
            HistoryPage found = engine.historyPage(id, PAGE_RECORDS, cursor);
            List<CheckRecord> expected = newestFirst.subList(Math.min(read, newestFirst.size()),
                    Math.min(read + PAGE_RECORDS, newestFirst.size()));
            if (!found.records().equals(expected)) {
                return List.of("monitor " + id + ": historyPage() page " + page + " is " + found.records() + ", the committed history has "
                        + expected);
            }
            read += expected.size();
            boolean olderRemain = newestFirst.size() > read;
            if (found.nextCursor().isPresent() != olderRemain) {
                return List.of("monitor " + id + ": historyPage() page " + page + (olderRemain ? " has no next cursor, but older records remain"
                        : " has a next cursor, but it holds the oldest record"));
            }
            if (!olderRemain) {
                break;
            }
            cursor = found.nextCursor();
        }
        return List.of();
    }
}
