package dev.vigil.simulation.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.assembly.EngineAssembly;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.store.NodeLeases;
import dev.vigil.simulation.runtime.PendingAttempt;
import dev.vigil.simulation.runtime.SimulatedRuntime;
import dev.vigil.simulation.runtime.SimulatedTimer;
import dev.vigil.simulation.runtime.VirtualClock;
import dev.vigil.simulation.store.SimulatedStore;
import dev.vigil.simulation.store.StoreKind;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two (and three) multi-node engines (SPEC §6, N4–N7) on one simulated store whose database clock is the
 * virtual clock, in seeded random schedules: timers fire in due order across the nodes, probes
 * return UP or DOWN at random moments, nodes pause past their lease (their clock moves on, their
 * timers wait) or crash, and monitors are stopped and started from either node. After every step
 * the engine's world is held to the node model's safety invariants ({@code model/…/nodes/
 * NodeInvariants}), in the form the store shows them: NI1 every probe attempt starts while its
 * node holds the monitor's valid lease; NI2 every result is applied by the holder of a valid
 * lease; NI3 a stopped monitor's last result never changes. When the faults stop, NI4: every
 * monitoring monitor is checked within the lease and an interval. Not yet a lockstep with the
 * model: the schedule is the engine's, and the model's step function is not run beside it.
 */
class MultiNodeSimulationTest {
    private static final long LEASE_MS = 3_000;
    private static final long INTERVAL_MS = 1_000;
    private static final int STEPS = 600;
    private static final List<String> MONITORS = List.of("m1", "m2", "m3", "m4");
    /** With retries: a retry after a back-off starts a probe without a new begin, so only the timer guard stops a lapsed node's. */
    private static final MonitorSettings SETTINGS = MonitorSettings.http("http://target.test/").withIntervalMs(INTERVAL_MS)
            .withTimeoutMs(1_000).withRetryAttempts(2);

    /** One node of the run. */
    private static final class Node {
        final String id;
        final SimulatedRuntime runtime;
        final VigilEngine engine;
        final List<EngineEvent> events = new CopyOnWriteArrayList<>();
        final Set<String> attemptsSeen = new HashSet<>();
        long wakesAtMs = -1; // paused until then; Long.MAX_VALUE: crashed
        int eventsSeen;

        Node(String id, SimulatedRuntime runtime, SimulatedStore store) {
            this.id = id;
            this.runtime = runtime;
            this.engine = EngineAssembly.builder(store.repository()).runtime(runtime).multiNode(true).nodeId(id).leaseMs(LEASE_MS)
                    .intervalMsMin(MonitorSettings.INTERVAL_MS_FLOOR).listener(events::add).closeWaitMs(0).build();
        }

        boolean running(long nowMs) {
            return wakesAtMs < 0 || nowMs >= wakesAtMs;
        }
    }

    static IntStream seeds() {
        return IntStream.rangeClosed(1, 40);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void twoNodesKeepTheNodeInvariantsUnderPausesCrashesAndCommands(int seed) {
        run(seed, StoreKind.MEMORY, 2);
    }

    @ParameterizedTest(name = "seed {0}, three nodes")
    @MethodSource("sqliteSeeds")
    void threeNodesToo(int seed) {
        run(seed, StoreKind.MEMORY, 3);
    }

    @ParameterizedTest(name = "seed {0}, SQLite")
    @MethodSource("sqliteSeeds")
    void onSqliteToo(int seed) {
        run(seed, StoreKind.SQLITE, 2);
    }

    static IntStream sqliteSeeds() {
        return IntStream.rangeClosed(1, 10);
    }

    private static void run(int seed, StoreKind kind, int nodeCount) {
        Random random = new Random(seed);
        VirtualClock clock = new VirtualClock();
        SimulatedRuntime.IdGenerator ids = new SimulatedRuntime.IdGenerator(seed);
        try (SimulatedStore store = new SimulatedStore(kind, clock::monotonicMs)) {
            List<Node> nodes = IntStream.range(0, nodeCount)
                    .mapToObj(i -> new Node(String.valueOf((char) ('a' + i)), new SimulatedRuntime(clock, ids), store)).toList();
            try {
                for (String monitor : MONITORS) {
                    nodes.getFirst().engine.add(monitor, SETTINGS);
                    nodes.getFirst().engine.start(monitor);
                }
                Map<String, NodeLeases.MonitorRow> before = rows(store);
                boolean crashed = false;
                for (int step = 0; step < STEPS; step++) {
                    int dice = random.nextInt(100);
                    long nowMs = clock.monotonicMs();
                    Node node = nodes.get(random.nextInt(nodes.size()));
                    if (dice < 4 && node.running(nowMs)) {
                        node.wakesAtMs = nowMs + LEASE_MS + random.nextInt((int) LEASE_MS);
                    } else if (dice < 5 && !crashed && node.running(nowMs)) {
                        node.wakesAtMs = Long.MAX_VALUE;
                        crashed = true;
                    } else if (dice < 9 && node.running(nowMs)) {
                        String monitor = MONITORS.get(random.nextInt(MONITORS.size()));
                        boolean monitoring = before.get(monitor).monitoring();
                        if (monitoring) {
                            node.engine.stop(monitor);
                        } else {
                            node.engine.start(monitor);
                        }
                    } else if (dice < 35 && node.running(nowMs) && !openAttempts(node).isEmpty()) {
                        List<PendingAttempt> open = openAttempts(node);
                        PendingAttempt attempt = open.get(random.nextInt(open.size()));
                        node.runtime.complete(attempt.key(), random.nextBoolean() ? ProbeResult.up(5, "ok") : ProbeResult.down(5, "no"));
                    } else {
                        fireEarliest(nodes, clock, random);
                    }
                    nodes.forEach(each -> each.runtime.deliverAll());
                    Map<String, NodeLeases.MonitorRow> after = rows(store);
                    check(seed, step, nodes, before, after, clock.monotonicMs());
                    before = after;
                }
                // The faults stop: paused nodes wake; every monitoring monitor is checked within the lease and an interval.
                long calmFromMs = clock.monotonicMs();
                for (Node node : nodes) {
                    if (node.wakesAtMs != Long.MAX_VALUE) {
                        node.wakesAtMs = -1;
                    }
                }
                while (clock.monotonicMs() < calmFromMs + LEASE_MS + INTERVAL_MS + 2 * INTERVAL_MS) {
                    for (Node node : nodes) {
                        if (node.running(clock.monotonicMs())) {
                            openAttempts(node).forEach(attempt -> node.runtime.complete(attempt.key(), ProbeResult.up(5, "ok")));
                        }
                    }
                    fireEarliest(nodes, clock, random);
                    nodes.forEach(each -> each.runtime.deliverAll());
                }
                for (NodeLeases.MonitorRow row : rows(store).values()) {
                    if (row.monitoring()) {
                        assertThat(row.lastCheckedAtMs()).as("seed %d: NI4, %s checked after the faults stopped", seed, row.monitorId())
                                .isPresent();
                        long lastCheckedMonoMs = row.lastCheckedAtMs().getAsLong() - (clock.wallTimeMs() - clock.monotonicMs());
                        assertThat(lastCheckedMonoMs).as("seed %d: NI4, %s checked within lease + interval", seed, row.monitorId())
                                .isGreaterThan(calmFromMs + INTERVAL_MS);
                    }
                }
                nodes.forEach(node -> assertThat(node.runtime.drainCallbackFailures()).as("seed %d: node %s", seed, node.id).isEmpty());
            } finally {
                nodes.forEach(node -> node.engine.close());
            }
        }
    }

    private static List<PendingAttempt> openAttempts(Node node) {
        return node.runtime.pendingAttempts().stream().filter(attempt -> !attempt.abandoned() && !attempt.future().isDone()).toList();
    }

    /** Fires the earliest due timer among the running nodes (a paused node's timers wait), moving the clock to it. */
    private static void fireEarliest(List<Node> nodes, VirtualClock clock, Random random) {
        long nowMs = clock.monotonicMs();
        Node chosen = null;
        SimulatedTimer earliest = null;
        for (Node node : nodes) {
            if (!node.running(nowMs) && node.wakesAtMs != Long.MAX_VALUE) {
                continue;
            }
            if (node.wakesAtMs == Long.MAX_VALUE) {
                continue;
            }
            SimulatedTimer next = node.runtime.nextTimer().orElse(null);
            if (next != null && (earliest == null || next.dueAtMs() < earliest.dueAtMs()
                    || (next.dueAtMs() == earliest.dueAtMs() && random.nextBoolean()))) {
                earliest = next;
                chosen = node;
            }
        }
        long wakeMs = nodes.stream().mapToLong(node -> node.wakesAtMs).filter(at -> at > nowMs && at != Long.MAX_VALUE).min()
                .orElse(Long.MAX_VALUE);
        if (earliest == null || earliest.dueAtMs() > wakeMs) {
            clock.advanceTo(Math.min(wakeMs == Long.MAX_VALUE ? nowMs + INTERVAL_MS : wakeMs, nowMs + INTERVAL_MS));
            return;
        }
        clock.advanceTo(Math.max(nowMs, earliest.dueAtMs()));
        chosen.runtime.fire(earliest);
    }

    private static Map<String, NodeLeases.MonitorRow> rows(SimulatedStore store) {
        Map<String, NodeLeases.MonitorRow> rows = new LinkedHashMap<>();
        store.repository().nodes().rows().forEach(row -> rows.put(row.monitorId(), row));
        return rows;
    }

    private static void check(int seed, int step, List<Node> nodes, Map<String, NodeLeases.MonitorRow> before,
                              Map<String, NodeLeases.MonitorRow> after, long nowMs) {
        String where = "seed " + seed + ", step " + step + ", at " + nowMs + " ms: ";
        for (Node node : nodes) {
            for (PendingAttempt attempt : node.runtime.pendingAttempts()) {
                String key = attempt.key().operationId() + "#" + attempt.key().attempt();
                if (node.attemptsSeen.add(key)) {
                    NodeLeases.MonitorRow row = after.get(attempt.key().monitorId());
                    assertThat(row != null && row.owner().equals(node.id) && row.expiresAtMs() > nowMs)
                            .as(where + "NI1: node %s probes %s, but the lease is %s", node.id, attempt.key().monitorId(), row).isTrue();
                }
            }
            List<EngineEvent> events = node.events;
            for (EngineEvent event : events.subList(node.eventsSeen, events.size())) {
                if (event instanceof EngineEvent.CheckCompleted completed) {
                    NodeLeases.MonitorRow row = after.get(completed.monitorId());
                    assertThat(row != null && row.owner().equals(node.id) && row.expiresAtMs() > nowMs)
                            .as(where + "NI2: node %s applied a result to %s, but the lease is %s", node.id, completed.monitorId(), row).isTrue();
                }
            }
            node.eventsSeen = events.size();
        }
        for (Map.Entry<String, NodeLeases.MonitorRow> entry : before.entrySet()) {
            NodeLeases.MonitorRow then = entry.getValue();
            NodeLeases.MonitorRow later = after.get(entry.getKey());
            if (!then.monitoring() && later != null && !later.monitoring()) {
                OptionalLong lastChecked = later.lastCheckedAtMs();
                assertThat(lastChecked).as(where + "NI3: %s is stopped, yet its last result changed", entry.getKey())
                        .isEqualTo(then.lastCheckedAtMs());
            }
        }
    }
}
