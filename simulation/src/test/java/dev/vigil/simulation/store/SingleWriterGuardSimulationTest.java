package dev.vigil.simulation.store;

import dev.vigil.engine.assembly.EngineAssembly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.EngineClosedException;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.StoreException;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.spi.TimerKind;
import dev.vigil.simulation.runtime.PendingAttempt;
import dev.vigil.simulation.runtime.SimulatedRuntime;
import dev.vigil.simulation.runtime.SimulatedTimer;
import dev.vigil.simulation.runtime.VirtualClock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The single-writer guard (SPEC "Nodes" N1–N2) in the simulated world: two engine processes on
 * one simulated store, the virtual clock as the database's clock, the runtime seam driving the
 * lease renewals. A second engine is refused while the first renews; a pause of the first
 * longer than its lease lets the second take over, and the first, whatever order its overdue
 * timers fire in when it wakes, stops without writing anything more.
 */
class SingleWriterGuardSimulationTest {
    private static final long LEASE_MS = 3_000;
    private static final MonitorSettings SETTINGS = MonitorSettings.http("http://target.test/").withIntervalMs(1_000).withTimeoutMs(1_000);

    private final VirtualClock clock = new VirtualClock();
    private final SimulatedRuntime.IdGenerator ids = new SimulatedRuntime.IdGenerator(42);
    private final SimulatedStore store = new SimulatedStore(storeKind(), clock::monotonicMs);

    /** The store the two engines share: in memory here, SQLite in {@link SingleWriterGuardSqliteSimulationTest}. */
    StoreKind storeKind() {
        return StoreKind.MEMORY;
    }
    private final List<VigilEngine> engines = new ArrayList<>();

    @AfterEach
    void closeAll() {
        engines.reversed().forEach(VigilEngine::close);
        store.close();
    }

    private VigilEngine engine(SimulatedRuntime runtime, String nodeId, List<EngineEvent> events) {
        VigilEngine engine = EngineAssembly.builder(store.repository()).runtime(runtime).nodeId(nodeId).leaseMs(LEASE_MS)
                .intervalMsMin(MonitorSettings.INTERVAL_MS_FLOOR).listener(events::add).closeWaitMs(0).build();
        engines.add(engine);
        return engine;
    }

    /** Runs {@code runtime}'s process until {@code untilMs}: timers fire when due, every probe answers UP at once. */
    private void run(SimulatedRuntime runtime, long untilMs) {
        for (int steps = 0; steps < 100_000; steps++) {
            answerAll(runtime);
            SimulatedTimer next = runtime.nextTimer().orElse(null);
            if (next == null || next.dueAtMs() > untilMs) {
                clock.advanceTo(Math.max(clock.monotonicMs(), untilMs));
                return;
            }
            clock.advanceTo(Math.max(clock.monotonicMs(), next.dueAtMs()));
            runtime.fire(next);
        }
        throw new AssertionError("more than 100 000 steps");
    }

    private static void answerAll(SimulatedRuntime runtime) {
        for (PendingAttempt attempt : runtime.pendingAttempts()) {
            if (!attempt.abandoned()) {
                runtime.complete(attempt.key(), ProbeResult.up(5, "ok"));
            }
        }
        runtime.deliverAll();
    }

    @Test
    void aSecondEngineIsRefusedForAsLongAsTheFirstRenewsOnVirtualTime() {
        SimulatedRuntime runtimeA = new SimulatedRuntime(clock, ids);
        VigilEngine a = engine(runtimeA, "a", new ArrayList<>());
        a.add("m", SETTINGS);
        a.start("m");
        for (long atMs = LEASE_MS; atMs <= 10 * LEASE_MS; atMs += LEASE_MS) {
            run(runtimeA, atMs);
            assertThatThrownBy(() -> engine(new SimulatedRuntime(clock, ids), "b", new ArrayList<>()))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("node 'a' holds its lease until ");
        }
        assertThat(a.storeLeaseLost()).isFalse();
        assertThat(a.history("m")).hasSizeGreaterThanOrEqualTo(25);
    }

    /** The order in which the woken process handles what fell due during its pause. */
    private enum WakeOrder {
        /** The lease renewal fires before the overdue tick and attempt timers. */
        RENEWAL_FIRST,
        /** The overdue tick and attempt timers fire before the renewal: the guard must stop them. */
        TIMERS_FIRST,
        /** The probe that was out returns before any timer fires: the store's compare-and-set refuses it. */
        PROBE_RETURN_FIRST
    }

    @Test
    void aPauseLongerThanTheLeaseLetsTheSecondTakeOverAndTheFirstStopsWhenItsRenewalFiresFirst() {
        pauseTakeOverAndWake(WakeOrder.RENEWAL_FIRST);
    }

    @Test
    void aPauseLongerThanTheLeaseLetsTheSecondTakeOverAndTheFirstStopsWhenItsTimersFireFirst() {
        pauseTakeOverAndWake(WakeOrder.TIMERS_FIRST);
    }

    @Test
    void aLateProbeReturnOfThePausedEngineIsRefusedByTheStoreAndTheEngineStopsAtItsNextTimer() {
        pauseTakeOverAndWake(WakeOrder.PROBE_RETURN_FIRST);
    }

    private void pauseTakeOverAndWake(WakeOrder order) {
        SimulatedRuntime runtimeA = new SimulatedRuntime(clock, ids);
        List<EngineEvent> eventsA = new ArrayList<>();
        VigilEngine a = engine(runtimeA, "a", eventsA);
        a.add("m", SETTINGS);
        a.start("m");
        run(runtimeA, 5_000);
        // The next tick starts a check, and the process freezes before its probe returns.
        SimulatedTimer tick = runtimeA.nextTimer().orElseThrow();
        clock.advanceTo(tick.dueAtMs());
        while (runtimeA.nextTimer().map(timer -> timer.dueAtMs() <= clock.monotonicMs()).orElse(false)) {
            runtimeA.fire(runtimeA.nextTimer().orElseThrow());
        }
        List<PendingAttempt> outAtPause = runtimeA.pendingAttempts().stream().filter(attempt -> !attempt.abandoned()).toList();
        assertThat(outAtPause).as("a probe is out when the pause begins").hasSize(1);
        Set<String> issuedByA = new HashSet<>(ids.issued());
        int historyAtPause = a.history("m").size();

        // "a" freezes (a GC pause, a suspended VM): virtual time goes on, its timers do not run.
        clock.advanceTo(clock.monotonicMs() + LEASE_MS + 1_000);
        SimulatedRuntime runtimeB = new SimulatedRuntime(clock, ids);
        VigilEngine b = engine(runtimeB, "b", new ArrayList<>());
        assertThat(b.monitor("m").orElseThrow().monitoring()).isTrue();
        run(runtimeB, clock.monotonicMs() + 2_000);
        int issuedBeforeWake = ids.issued().size();

        // "a" wakes: what fell due meanwhile happens, in the order under test.
        List<SimulatedTimer> overdue = runtimeA.nextDue(clock.monotonicMs());
        List<SimulatedTimer> ordered = switch (order) {
            case RENEWAL_FIRST -> sorted(overdue, true);
            case TIMERS_FIRST, PROBE_RETURN_FIRST -> sorted(overdue, false);
        };
        if (order == WakeOrder.PROBE_RETURN_FIRST) {
            outAtPause.forEach(attempt -> runtimeA.complete(attempt.key(), ProbeResult.up(5, "late")));
            runtimeA.deliverAll();
            assertThat(operationIds(a.history("m"))).as("the store refused the late result: b's recovery unlisted it")
                    .doesNotContain(outAtPause.getFirst().key().operationId());
        }
        for (SimulatedTimer timer : ordered) {
            if (runtimeA.pendingTimers().contains(timer)) {
                runtimeA.fire(timer);
            }
        }
        answerAll(runtimeA);

        assertThat(a.storeLeaseLost()).isTrue();
        assertThat(eventsA).filteredOn(EngineEvent.StoreLeaseLost.class::isInstance).singleElement()
                .isInstanceOfSatisfying(EngineEvent.StoreLeaseLost.class, lost -> assertThat(lost.holderNodeId()).isEqualTo("b"));
        assertThat(ids.issued()).as("a began no operation after waking").hasSize(issuedBeforeWake);
        assertThat(runtimeA.pendingTimers()).as("every tick and timer of a stopped").isEmpty();
        assertThatThrownBy(() -> a.checkNow("m")).isInstanceOf(EngineClosedException.class);

        run(runtimeB, clock.monotonicMs() + 5_000);
        List<CheckRecord> history = b.history("m");
        assertThat(operationIds(history.subList(historyAtPause, history.size())))
                .as("nothing of a landed after its pause began").doesNotContainAnyElementsOf(issuedByA);
        assertThat(history.size()).isGreaterThan(historyAtPause);
        assertThat(b.monitor("m").orElseThrow().status()).isEqualTo(MonitorStatus.UP);
        assertThat(b.storeLeaseLost()).isFalse();
    }

    /** {@code timers} with the lease renewal first or last, the others in queue order. */
    private static List<SimulatedTimer> sorted(List<SimulatedTimer> timers, boolean renewalFirst) {
        List<SimulatedTimer> renewal = timers.stream().filter(timer -> timer.kind() == TimerKind.LEASE_RENEWAL).toList();
        List<SimulatedTimer> others = timers.stream().filter(timer -> timer.kind() != TimerKind.LEASE_RENEWAL).toList();
        assertThat(renewal).as("the renewal fell due in the pause").hasSize(1);
        assertThat(others).as("a tick or an attempt timer fell due in the pause").isNotEmpty();
        List<SimulatedTimer> ordered = new ArrayList<>(renewalFirst ? renewal : others);
        ordered.addAll(renewalFirst ? others : renewal);
        return ordered;
    }

    private static Set<String> operationIds(List<CheckRecord> records) {
        Set<String> operations = new HashSet<>();
        records.forEach(record -> operations.add(record.operationId()));
        return operations;
    }
}
