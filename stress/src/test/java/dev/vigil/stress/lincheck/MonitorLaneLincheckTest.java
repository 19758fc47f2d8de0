package dev.vigil.stress.lincheck;

import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.spi.TimerKind;
import dev.vigil.engine.store.MonitorRepository;
import dev.vigil.engine.testing.ManualRuntime;
import dev.vigil.stress.support.StressMonitors;
import java.util.ArrayDeque;
import java.util.List;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;

/**
 * The monitor lane is linearizable: one monitor of a real {@link VigilEngine} (SQLite in memory,
 * a {@link ManualRuntime} whose timers and probes the actors drive) under concurrent start,
 * stop, checkNow, a probe result delivered to operation N, operation N's deadline firing (N
 * counts operations in order of issue), and reads of what the store committed. Every concurrent history must equal a
 * sequential run of the same engine (Lincheck's default specification: the test class itself).
 * N is drawn uniformly ({@link OperationNumberGen}): with Lincheck's {@code IntGen}, which starts
 * each scenario at the middle of its range, none of the 6 146 answers and deadline firings of a CI
 * run reached an operation that existed, so no result or deadline was ever raced.
 *
 * <p>Scope. The reads are of the store, one query each: the row's {@code monitoring} and
 * {@code status}, and the history as {@code operation:status}. The in-memory registry and the
 * row's {@code activeOperations} are not read: a probe return that ends a cancelled operation
 * and starts the waiting request commits two transactions ("unlist", then "begin operation",
 * docs/SEMANTICS.md), so a reader outside the lane may legitimately see the state between them.
 * Delivering and firing return nothing: whether this thread's completion or firing was the one
 * that counted is decided inside the lane, and only its effect on the store is specified.
 *
 * <p>Stress mode only. Under Lincheck's model checker the whole engine and the SQLite driver run
 * instrumented, and the checker reports the driver's loops as livelocks ("the execution has
 * hung") — a limit of the tool at this size, not an engine finding. The registry, the part whose
 * interleavings are subtle, is model-checked in {@link RegistryLincheckTest}.
 */
@Param(name = "op", gen = OperationNumberGen.class, conf = "1:3")
public class MonitorLaneLincheckTest {
    private static final String MONITOR = "m";
    /**
     * Stores this class opened and has not closed: Lincheck offers no teardown hook, so old ones
     * are closed as new ones open. Only the store: an engine's close takes its lanes, and an
     * invocation Lincheck abandoned may still hold one. The controlled runtime owns no threads, so
     * an unclosed engine is just garbage.
     */
    private static final ArrayDeque<MonitorRepository> OPEN = new ArrayDeque<>();
    private static final int OPEN_MAX = 32;

    private final ManualRuntime runtime = ManualRuntime.standstill("");
    private final VigilEngine engine;

    public MonitorLaneLincheckTest() {
        MonitorRepository repository = MonitorRepository.openSqliteInMemory();
        engine = StressMonitors.engine(runtime, repository, event -> { });
        engine.add(MONITOR, StressMonitors.SETTINGS);
        retire(repository);
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

    /**
     * The probe of operation {@code op-N} (the N-th the engine issued) returns UP, if it is out.
     * The operation is named by its number, not looked up: "deliver to whatever is live now" would
     * be a read-then-act in the test itself, and Lincheck rightly reports that as a race.
     */
    @org.jetbrains.lincheck.datastructures.Operation
    public void deliverUp(@Param(name = "op") int operation) {
        runtime.deliver("op-" + operation, ProbeResult.up(12, "HTTP 200"));
    }

    /** The deadline timer of operation {@code op-N} fires (SPEC R7), if it is pending. */
    @org.jetbrains.lincheck.datastructures.Operation
    public void fireDeadline(@Param(name = "op") int operation) {
        runtime.fire(TimerKind.DEADLINE, "op-" + operation);
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

    @Test
    void linearizableUnderStress() {
        LincheckBudget.laneStress().stress().check(MonitorLaneLincheckTest.class);
    }


    private static void retire(MonitorRepository repository) {
        synchronized (OPEN) {
            OPEN.addLast(repository);
            while (OPEN.size() > OPEN_MAX) {
                OPEN.removeFirst().close();
            }
        }
    }
}
