package dev.vigil.engine.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.StoreException;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.assembly.EngineAssembly;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.spi.AttemptKey;
import dev.vigil.engine.store.Fence;
import dev.vigil.engine.store.MonitorRepository;
import dev.vigil.engine.store.NodeLeases;
import dev.vigil.engine.testing.ManualRuntime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC §6 N4–N7 on a real database, whose clock is its own: engine nodes each with a repository
 * of their own (as separate processes would have), their timers driven by hand in step with real
 * time. The SQL half of what {@link MultiNodeTest} shows in memory: the fencing WHERE clause,
 * the batch renewal and claims, exclusive ownership, takeover of a crashed node's monitors.
 */
abstract class MultiNodeStoreContract {
    /** Long enough that a slow shared database (transactions of tens of ms, two nodes driven by one thread) renews in time. */
    private static final long LEASE_MS = 3_000;
    private static final long STEP_MS = 50;
    private static final List<String> TWELVE = IntStream.rangeClosed(1, 12).mapToObj(i -> "m" + i).toList();

    /** One node: its repository, runtime and engine. */
    private record Node(String id, MonitorRepository repository, ManualRuntime runtime, VigilEngine engine) {}

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<String> crashed = new ArrayList<>();

    /** A new repository on the test's one store, as another process would open it. */
    protected abstract MonitorRepository openRepository();

    /** Whether the store wakes the owner when another node commits a command (PostgreSQL's LISTEN/NOTIFY). */
    protected boolean wakesOwners() {
        return false;
    }

    private Node start(String id) {
        MonitorRepository repository = openRepository();
        ManualRuntime runtime = ManualRuntime.withIdPrefix(id + "-");
        VigilEngine engine = EngineAssembly.builder(repository).runtime(runtime).multiNode(true).nodeId(id).leaseMs(LEASE_MS).build();
        Node node = new Node(id, repository, runtime, engine);
        nodes.put(id, node);
        return node;
    }

    /** Real time passes; the running nodes' clocks follow it exactly (the database's is real), and their probes are answered UP. */
    private void run(long ms) throws InterruptedException {
        long startedNs = System.nanoTime();
        long lastNs = startedNs;
        while (System.nanoTime() - startedNs < ms * 1_000_000) {
            Thread.sleep(STEP_MS);
            long nowNs = System.nanoTime();
            long elapsedMs = (nowNs - lastNs) / 1_000_000;
            lastNs += elapsedMs * 1_000_000;
            for (Node node : nodes.values()) {
                if (!crashed.contains(node.id())) {
                    node.runtime().advanceBy(elapsedMs);
                    for (AttemptKey key : node.runtime().openAttempts()) {
                        node.runtime().answer(key.operationId(), ProbeResult.up(3, "ok"));
                    }
                    node.runtime().deliverEvents();
                }
            }
        }
    }

    @AfterEach
    void closeNodes() {
        for (Node node : nodes.values()) {
            node.engine().close();
            node.repository().close();
        }
    }

    @Test
    void twoNodesShareTheMonitorsEachOwnedByOne() throws InterruptedException {
        Node a = start("a");
        Node b = start("b");
        for (String id : TWELVE) {
            a.engine().add(id, Nodes.SETTINGS);
            a.engine().start(id);
        }
        run(2 * LEASE_MS);
        for (String id : TWELVE) {
            assertThat(a.engine().owns(id) ^ b.engine().owns(id)).as("exactly one owner of %s", id).isTrue();
        }
        assertThat(TWELVE.stream().filter(id -> a.engine().owns(id)).count()).isBetween(2L, 10L);
        for (NodeLeases.MonitorRow row : a.repository().nodes().rows()) {
            assertThat(row.owner()).isEqualTo(a.engine().owns(row.monitorId()) ? "a" : "b");
            List<CheckRecord> history = a.repository().history(row.monitorId());
            assertThat(history).isNotEmpty().allSatisfy(record -> assertThat(record.operationId()).startsWith(row.owner() + "-"));
        }
    }

    @Test
    void aCrashedNodesMonitorsAreTakenOverWithinTheLease() throws InterruptedException {
        Node a = start("a");
        Node b = start("b");
        for (String id : TWELVE) {
            a.engine().add(id, Nodes.SETTINGS);
            a.engine().start(id);
        }
        run(LEASE_MS);
        List<String> onA = TWELVE.stream().filter(id -> a.engine().owns(id)).toList();
        assertThat(onA).isNotEmpty();
        crashed.add("a");
        long startedNs = System.nanoTime();
        while (!onA.stream().allMatch(id -> b.engine().owns(id)) && System.nanoTime() - startedNs < 5 * LEASE_MS * 1_000_000) {
            run(STEP_MS);
        }
        long tookMs = (System.nanoTime() - startedNs) / 1_000_000;
        System.out.println(getClass().getSimpleName() + ": " + onA.size() + " monitors taken over " + tookMs + " ms after the crash"
                + " (lease " + LEASE_MS + " ms)");
        assertThat(onA).allSatisfy(id -> assertThat(b.engine().owns(id)).isTrue());
        assertThat(tookMs).as("takeover after the crash, ms").isLessThan(LEASE_MS + 1_500);
        run(500);
        for (String id : onA) {
            assertThat(b.repository().history(id).getLast().operationId()).startsWith("b-");
        }
    }

    @Test
    void aStopOnAnotherNodeReachesTheOwnerWithinARenewalPeriodAndSoonerWhenWoken() throws InterruptedException {
        Node a = start("a");
        Node b = start("b");
        String monitor = TWELVE.stream().filter(id -> RendezvousPlacement.INSTANCE.choose(id, List.of("a", "b")).equals("a"))
                .findFirst().orElseThrow();
        b.engine().add(monitor, Nodes.SETTINGS);
        b.engine().start(monitor);
        run(LEASE_MS);
        assertThat(a.engine().diagnostics().hasTick(monitor)).isTrue();
        b.engine().stop(monitor);
        long startedNs = System.nanoTime();
        while (a.engine().diagnostics().hasTick(monitor) && System.nanoTime() - startedNs < 2 * LEASE_MS * 1_000_000) {
            run(STEP_MS);
        }
        long tookMs = (System.nanoTime() - startedNs) / 1_000_000;
        System.out.println(getClass().getSimpleName() + ": the owner learnt of a stop on another node after " + tookMs + " ms");
        assertThat(a.engine().diagnostics().hasTick(monitor)).isFalse();
        assertThat(tookMs).as("learnt after, ms").isLessThan(wakesOwners() ? 500 : LEASE_MS / 3 + 500);
    }

    @Test
    void theFencingClauseRefusesAStaleTokenInTheDatabase() {
        try (MonitorRepository repository = openRepository()) {
            repository.insert("m", Nodes.SETTINGS);
            NodeLeases.Renewal renewal = repository.nodes().renew("a", 60_000, Map.of(), (monitor, live) -> "a");
            assertThat(renewal).isInstanceOfSatisfying(NodeLeases.Renewal.Renewed.class,
                    renewed -> assertThat(renewed.held()).containsEntry("m", 1L));
            repository.setMonitoring("m", true, MonitorStatus.PENDING);
            MonitorRepository current = repository.fenced(monitor -> Optional.of(new Fence("a", 1)));
            MonitorRepository stale = repository.fenced(monitor -> Optional.of(new Fence("a", 2)));
            MonitorRepository none = repository.fenced(monitor -> Optional.empty());
            assertThatThrownBy(() -> stale.setActiveOperations("m", List.of("op-x"))).isInstanceOf(StoreException.class)
                    .hasMessageContaining("fenced off");
            assertThatThrownBy(() -> none.setActiveOperations("m", List.of("op-x"))).isInstanceOf(StoreException.class);
            current.setActiveOperations("m", List.of("op-1"));
            CheckRecord record = new CheckRecord("op-1", 5, MonitorStatus.UP, 3, "ok");
            assertThat(stale.applyResult("m", "op-1", false, record)).isFalse();
            assertThat(stale.removeActiveOperation("m", "op-1")).isFalse();
            assertThat(repository.history("m")).isEmpty();
            assertThat(current.applyResult("m", "op-1", false, record)).isTrue();
            assertThat(repository.history("m")).containsExactly(record);
            // Another node's renewal neither renews nor takes a valid lease.
            NodeLeases.Renewal other = repository.nodes().renew("b", 60_000, Map.of(), (monitor, live) -> "b");
            assertThat(other).isInstanceOfSatisfying(NodeLeases.Renewal.Renewed.class, renewed -> assertThat(renewed.held()).isEmpty());
            repository.nodes().leave("a", Map.of("m", 1L));
            NodeLeases.Renewal taken = repository.nodes().renew("b", 60_000, Map.of(), (monitor, live) -> "b");
            assertThat(taken).isInstanceOfSatisfying(NodeLeases.Renewal.Renewed.class,
                    renewed -> assertThat(renewed.held()).containsEntry("m", 2L));
            assertThat(current.applyResult("m", "op-1", false, new CheckRecord("op-1", 6, MonitorStatus.UP, 3, "ok"))).isFalse();
        }
    }

    @Test
    void singleNodeAndMultiNodeEnginesRefuseEachOther() {
        try (MonitorRepository repository = openRepository();
             VigilEngine single = EngineAssembly.builder(repository).runtime(new ManualRuntime()).nodeId("solo").build()) {
            assertThat(single.nodeId()).contains("solo");
            assertThatThrownBy(() -> start("n1")).isInstanceOf(StoreException.class).hasMessageContaining("a single-node engine holds the store");
        }
        start("n1");
        try (MonitorRepository repository = openRepository()) {
            assertThatThrownBy(() -> EngineAssembly.builder(repository).runtime(new ManualRuntime()).nodeId("solo").build())
                    .isInstanceOf(StoreException.class).hasMessageContaining("multi-node engines use the store");
        }
    }
}
