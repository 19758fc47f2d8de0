package dev.vigil.engine.node;

import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.assembly.EngineAssembly;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.spi.AttemptKey;
import dev.vigil.engine.store.MonitorRepository;
import dev.vigil.engine.testing.ManualRuntime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Several engine nodes on one store under virtual time: each node runs on a {@link ManualRuntime}
 * of its own, and the store's database clock is {@link #dbClockMs}, moved with the running nodes'
 * clocks. A paused or crashed node's runtime is simply not advanced while database time goes on.
 */
final class Nodes implements AutoCloseable {
    static final long LEASE_MS = 3_000;
    static final long STEP_MS = 50;
    static final MonitorSettings SETTINGS = MonitorSettings.http("http://localhost:8080/").withIntervalMs(5_000).withTimeoutMs(1_000);

    /** One node: its runtime, its engine and the events it published. */
    record Node(String id, ManualRuntime runtime, VigilEngine engine, List<EngineEvent> events) {
        /** Answers every open probe attempt of this node UP. */
        void answerAll() {
            for (AttemptKey key : runtime.openAttempts()) {
                runtime.answer(key.operationId(), ProbeResult.up(5, "ok"));
            }
            runtime.deliverEvents();
        }

        List<String> openAttemptMonitors() {
            return runtime.openAttempts().stream().map(AttemptKey::monitorId).toList();
        }
    }

    final AtomicLong dbClockMs;
    final MonitorRepository repository;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, Boolean> running = new LinkedHashMap<>();
    /** How long each paused node has been frozen, in ms of database time. */
    private final Map<String, Long> frozenMs = new LinkedHashMap<>();

    Nodes(AtomicLong dbClockMs, MonitorRepository repository) {
        this.dbClockMs = dbClockMs;
        this.repository = repository;
    }

    /** An in-memory store whose database clock is virtual. */
    static Nodes inMemory() {
        AtomicLong clock = new AtomicLong(1_700_000_000_000L);
        return new Nodes(clock, MonitorRepository.openInMemory(dev.vigil.engine.store.MemoryFaults.NONE, clock::get));
    }

    Node start(String id) {
        ManualRuntime runtime = ManualRuntime.withIdPrefix(id + "-");
        List<EngineEvent> events = new CopyOnWriteArrayList<>();
        VigilEngine engine = EngineAssembly.builder(repository).runtime(runtime).multiNode(true).nodeId(id).leaseMs(LEASE_MS)
                .listener(events::add).build();
        Node node = new Node(id, runtime, engine, events);
        nodes.put(id, node);
        running.put(id, true);
        runtime.deliverEvents();
        return node;
    }

    Node node(String id) {
        return nodes.get(id);
    }

    /** The node's timers stop running (a pause, or a crash when it never resumes); database time goes on. */
    void pause(String id) {
        running.put(id, false);
        frozenMs.put(id, 0L);
    }

    /** The paused node wakes: its clock jumps by the time it was frozen, and what fell due meanwhile fires now. */
    void resume(String id) {
        running.put(id, true);
        Node node = nodes.get(id);
        node.runtime().wakeAfter(frozenMs.getOrDefault(id, 0L));
        node.runtime().deliverEvents();
        frozenMs.remove(id);
    }

    /** Moves database time and every running node's clock by {@code ms}, in steps, firing what falls due. */
    void run(long ms) {
        for (long done = 0; done < ms; done += STEP_MS) {
            dbClockMs.addAndGet(STEP_MS);
            for (Map.Entry<String, Node> node : nodes.entrySet()) {
                if (running.get(node.getKey())) {
                    node.getValue().runtime().advanceBy(STEP_MS);
                    node.getValue().runtime().deliverEvents();
                } else {
                    frozenMs.merge(node.getKey(), STEP_MS, Long::sum);
                }
            }
        }
    }

    /** Like {@link #run}, answering every open probe of the running nodes UP at each step. */
    void runAnswering(long ms) {
        for (long done = 0; done < ms; done += STEP_MS) {
            run(STEP_MS);
            for (Map.Entry<String, Node> node : nodes.entrySet()) {
                if (running.get(node.getKey())) {
                    node.getValue().answerAll();
                }
            }
        }
    }

    /** Which running, open node owns each monitor, by the engines' own account. */
    Map<String, List<String>> owners(List<String> monitorIds) {
        Map<String, List<String>> owners = new LinkedHashMap<>();
        for (String monitor : monitorIds) {
            List<String> by = new ArrayList<>();
            nodes.forEach((id, node) -> {
                if (node.engine().owns(monitor)) {
                    by.add(id);
                }
            });
            owners.put(monitor, by);
        }
        return owners;
    }

    @Override
    public void close() {
        nodes.values().forEach(node -> node.engine().close());
        repository.close();
    }
}
