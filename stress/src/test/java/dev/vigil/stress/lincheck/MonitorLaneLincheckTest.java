package dev.vigil.stress.lincheck;

import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.operation.Operation;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.runtime.TimerKind;
import dev.vigil.engine.store.MonitorRepository;
import dev.vigil.stress.support.ControlledRuntime;
import dev.vigil.stress.support.StressMonitors;
import java.util.ArrayDeque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The monitor lane is linearizable: one monitor of a real {@link VigilEngine} (SQLite in memory,
 * a {@link ControlledRuntime} whose timers and probes the actors drive) under concurrent start,
 * stop, checkNow, a probe result delivered to the current operation, the current operation's
 * deadline firing, and reads of what the store committed. Every concurrent history must equal a
 * sequential run of the same engine (Lincheck's default specification: the test class itself).
 *
 * <p>Scope. The reads are of the store, one query each: the row's {@code monitoring} and
 * {@code status}, and the history as {@code operation:status}. The in-memory registry and the
 * row's {@code activeOperations} are not read: a probe return that ends a cancelled operation
 * and starts the waiting request commits two transactions ("unlist", then "begin operation",
 * docs/SEMANTICS.md), so a reader outside the lane may legitimately see the state between them.
 * Delivering and firing return nothing: whether this thread's completion or firing was the one
 * that counted is decided inside the lane, and only its effect on the store is specified.
 */
public class MonitorLaneLincheckTest {
    private static final String MONITOR = "m";
    /** Engines this class opened and has not closed: Lincheck offers no teardown hook. */
    private static final ArrayDeque<AutoCloseable> OPEN = new ArrayDeque<>();
    private static final int OPEN_MAX = 32;

    private final ControlledRuntime runtime = new ControlledRuntime();
    private final VigilEngine engine;

    public MonitorLaneLincheckTest() {
        MonitorRepository repository = MonitorRepository.openSqliteInMemory();
        engine = StressMonitors.engine(runtime, repository, event -> { });
        engine.add(MONITOR, StressMonitors.SETTINGS);
        retire(engine, repository);
    }

    @org.jetbrains.lincheck.datastructures.Operation
    public boolean start() {
        return engine.start(MONITOR);
    }

    @org.jetbrains.lincheck.datastructures.Operation
    public boolean stop() {
        return engine.stop(MONITOR);
    }

    @org.jetbrains.lincheck.datastructures.Operation
    public void checkNow() {
        engine.checkNow(MONITOR);
    }

    /** The probe of the monitor's live operation returns UP (a late return of a cancelled one included). */
    @org.jetbrains.lincheck.datastructures.Operation
    public void deliverUp() {
        for (Operation operation : liveOperations()) {
            runtime.deliver(operation.id(), ProbeResult.up(12, "HTTP 200"));
        }
    }

    /** The deadline timer of the monitor's live operation fires (SPEC R7). */
    @org.jetbrains.lincheck.datastructures.Operation
    public void fireDeadline() {
        for (Operation operation : liveOperations()) {
            runtime.fire(TimerKind.DEADLINE, operation.id());
        }
    }

    /** {@code monitoring/status} as committed. */
    @org.jetbrains.lincheck.datastructures.Operation
    public String status() {
        MonitorSnapshot monitor = engine.monitor(MONITOR).orElseThrow();
        return monitor.monitoring() + "/" + monitor.status();
    }

    /** The committed history as {@code operation:status}, in commit order. */
    @org.jetbrains.lincheck.datastructures.Operation
    public String history() {
        List<CheckRecord> records = engine.history(MONITOR);
        return records.stream().map(record -> record.operationId() + ":" + record.status()).toList().toString();
    }

    private List<Operation> liveOperations() {
        return engine.liveOperations().stream().filter(operation -> operation.monitorId().equals(MONITOR)).toList();
    }

    @Test
    void linearizableUnderStress() {
        LincheckBudget.laneStress().stress().check(MonitorLaneLincheckTest.class);
    }

    @Test
    void linearizableUnderModelChecking() {
        LincheckBudget.laneModelChecking().modelChecking().check(MonitorLaneLincheckTest.class);
    }

    private static void retire(AutoCloseable engine, AutoCloseable repository) {
        synchronized (OPEN) {
            OPEN.addLast(engine);
            OPEN.addLast(repository);
            while (OPEN.size() > 2 * OPEN_MAX) {
                try {
                    OPEN.removeFirst().close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing an old engine failed", e);
                }
            }
        }
    }
}
