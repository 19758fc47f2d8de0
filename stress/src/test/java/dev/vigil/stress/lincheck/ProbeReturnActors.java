package dev.vigil.stress.lincheck;

import dev.vigil.engine.assembly.EngineAssembly;
import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.check.CheckerFactory;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.store.MonitorRepository;
import dev.vigil.engine.testing.ManualRuntime;
import dev.vigil.stress.support.LaneAudit;
import dev.vigil.stress.support.StressMonitors;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Function;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.Validate;

/**
 * Probe returns racing the commands that hold a monitor's lane: one monitor of a real
 * {@link VigilEngine} (SQLite in memory, a {@link ManualRuntime} whose probes the actors answer
 * on their own threads), started at construction so that operation 1's probe is out. Actors: stop,
 * start, checkNow and update (each runs in the monitor's lane), "the probe of operation N returns
 * UP" and "… returns DOWN" on the actor's thread, and reads of what the store committed. N is drawn
 * uniformly from 1 to 3 ({@link OperationNumberGen}); two answering actors make a scenario answer
 * an open probe more often. Subclasses choose how the
 * checker is composed; the actors and checks are the same for the engine and for the control.
 *
 * <p>Checked after every invocation ({@link #validate}): what a user sees, and the direct fact.
 * Linearizability (the class is its own sequential specification) covers a result recorded after a
 * committed stop, or a status it changed: no sequential run of the engine does that. The validation
 * adds SPEC I1 on the store (not monitoring ⇒ PAUSED), SPEC R4 on the probes (no attempt started
 * while another of the monitor was still open: {@link ManualRuntime#probeOverlaps}), and that
 * every probe return reached the applier inside the monitor's lane ({@link LaneAudit}).
 */
@Param(name = "op", gen = OperationNumberGen.class, conf = "1:3")
public abstract class ProbeReturnActors {
    static final String MONITOR = "m";
    /** Stores opened and not yet closed: Lincheck has no teardown hook (see MonitorLaneLincheckTest). */
    private static final ArrayDeque<MonitorRepository> OPEN = new ArrayDeque<>();
    private static final int OPEN_MAX = 32;

    private final ManualRuntime runtime = ManualRuntime.standstill("");
    private final LaneAudit audit = new LaneAudit();
    private final VigilEngine engine;

    /** @param composition the checker's composition, given this instance's audit */
    protected ProbeReturnActors(Function<LaneAudit, CheckerFactory> composition) {
        MonitorRepository repository = MonitorRepository.openSqliteInMemory();
        engine = EngineAssembly.builder(repository, composition.apply(audit))
                .runtime(runtime)
                .intervalMsMin(StressMonitors.INTERVAL_MS)
                .closeWaitMs(0)
                .build();
        engine.add(MONITOR, StressMonitors.SETTINGS);
        engine.start(MONITOR);
        retire(repository);
    }

    @Operation
    public boolean start() {
        return engine.start(MONITOR);
    }

    @Operation
    public boolean stop() {
        return engine.stop(MONITOR);
    }

    @Operation
    public void checkNow() {
        engine.checkNow(MONITOR);
    }

    /** SPEC R9 with the same settings: on a monitoring monitor it cancels the check and asks for a new one. */
    @Operation
    public String update() {
        MonitorSnapshot updated = engine.update(MONITOR, StressMonitors.SETTINGS);
        return updated.monitoring() + "/" + updated.status();
    }

    /** The probe of operation {@code op-N} returns UP on this thread, if it is out; named by number (see MonitorLaneLincheckTest). */
    @Operation
    public void deliverUp(@Param(name = "op") int operation) {
        runtime.deliver("op-" + operation, ProbeResult.up(12, "HTTP 200"));
    }

    /** The probe of operation {@code op-N} returns DOWN on this thread, if it is out. */
    @Operation
    public void deliverDown(@Param(name = "op") int operation) {
        runtime.deliver("op-" + operation, ProbeResult.down(30, "HTTP 503"));
    }

    /** {@code monitoring/status} as committed. */
    @Operation
    public String status() {
        MonitorSnapshot monitor = engine.monitor(MONITOR).orElseThrow();
        return monitor.monitoring() + "/" + monitor.status();
    }

    /** The committed history as {@code operation:status}, in commit order. */
    @Operation
    public String history() {
        List<CheckRecord> records = engine.history(MONITOR);
        return records.stream().map(record -> record.operationId() + ":" + record.status()).toList().toString();
    }

    /**
     * After every invocation: SPEC I1 on the store, one probe at a time (R4), and every probe return
     * handled in the monitor's lane.
     *
     * @throws IllegalStateException naming what was broken
     */
    @Validate
    public void validate() {
        List<String> outside = audit.outsideLane();
        if (!outside.isEmpty()) {
            throw new IllegalStateException("probe returns handled outside the monitor's lane: " + outside);
        }
        if (runtime.probeOverlaps() != 0) {
            throw new IllegalStateException(runtime.probeOverlaps() + " probe attempts started while another of the monitor was still open");
        }
        MonitorSnapshot monitor = engine.monitor(MONITOR).orElseThrow();
        if (!monitor.monitoring() && monitor.status() != MonitorStatus.PAUSED) {
            throw new IllegalStateException("not monitoring but " + monitor.status() + " (SPEC I1)");
        }
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
