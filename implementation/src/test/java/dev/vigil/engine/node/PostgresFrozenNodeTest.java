package dev.vigil.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.StoreException;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.assembly.EngineAssembly;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.spi.AttemptKey;
import dev.vigil.engine.store.MonitorRepository;
import dev.vigil.engine.testing.ManualRuntime;
import dev.vigil.engine.testing.PostgresTestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * A node frozen in the middle of a transaction (a GC pause, SIGSTOP) on PostgreSQL: it holds its
 * rows' locks, and the server sees its session idle inside a transaction. The other node must
 * still take its monitors over within the lease: its claims must not wait behind those locks for
 * as long as the frozen node sleeps. Found by the three-process test (stress module), where one
 * SIGSTOP in four landed inside a transaction and stalled the surviving node for good: every
 * connection of its pool waited behind the stopped node's locks.
 */
@EnabledIfEnvironmentVariable(named = PostgresTestDatabase.URL_VARIABLE, matches = "jdbc:postgresql:.+")
class PostgresFrozenNodeTest {
    private static final long LEASE_MS = 3_000;
    private static final long STEP_MS = 50;
    private static final List<String> TWELVE = IntStream.rangeClosed(1, 12).mapToObj(i -> "m" + i).toList();

    /** A data source whose connections, once {@link #freeze} is set, block in {@code commit()} until {@link #thaw}. */
    private static final class FreezableDataSource {
        final AtomicBoolean freeze = new AtomicBoolean();
        final CountDownLatch thaw = new CountDownLatch(1);
        final CountDownLatch frozen = new CountDownLatch(1);
        final DataSource dataSource;

        FreezableDataSource(DataSource real) {
            dataSource = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                    (proxy, method, args) -> {
                        Object result = invoke(real, method, args);
                        return result instanceof Connection connection ? freezable(connection) : result;
                    });
        }

        private Connection freezable(Connection real) {
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("commit") && freeze.get()) {
                            frozen.countDown();
                            thaw.await(60, TimeUnit.SECONDS);
                        }
                        return invoke(real, method, args);
                    });
        }

        private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    @Test
    @Timeout(60)
    void aNodeFrozenInsideItsRenewalDoesNotHoldTheOtherNodeUp() throws Exception {
        String schema = PostgresTestDatabase.freshSchema();
        FreezableDataSource frozenStore = new FreezableDataSource(PostgresTestDatabase.dataSource(schema));
        try (MonitorRepository storeOfA = MonitorRepository.open(frozenStore.dataSource);
                MonitorRepository storeOfB = MonitorRepository.open(PostgresTestDatabase.dataSource(schema))) {
            ManualRuntime runtimeOfA = ManualRuntime.withIdPrefix("a-");
            ManualRuntime runtimeOfB = ManualRuntime.withIdPrefix("b-");
            VigilEngine a = EngineAssembly.builder(storeOfA).runtime(runtimeOfA).multiNode(true).nodeId("a").leaseMs(LEASE_MS).build();
            VigilEngine b = EngineAssembly.builder(storeOfB).runtime(runtimeOfB).multiNode(true).nodeId("b").leaseMs(LEASE_MS).build();
            for (String id : TWELVE) {
                a.add(id, Nodes.SETTINGS);
                a.start(id);
            }
            run(List.of(runtimeOfA, runtimeOfB), LEASE_MS);
            List<String> onA = TWELVE.stream().filter(a::owns).toList();
            assertThat(onA).isNotEmpty();

            // Node a freezes inside its renewal: its rows are locked, its session idle in a transaction.
            frozenStore.freeze.set(true);
            CompletableFuture<Object> frozenRenewal = CompletableFuture.supplyAsync(
                    () -> storeOfA.nodes().renew("a", LEASE_MS, Map.of(), RendezvousPlacement.INSTANCE));
            assertThat(frozenStore.frozen.await(10, TimeUnit.SECONDS)).as("node a's renewal reached its commit").isTrue();

            long startedNs = System.nanoTime();
            while (!onA.stream().allMatch(b::owns) && System.nanoTime() - startedNs < 5 * LEASE_MS * 1_000_000) {
                run(List.of(runtimeOfB), STEP_MS);
            }
            long tookMs = (System.nanoTime() - startedNs) / 1_000_000;
            System.out.println("PostgresFrozenNodeTest: " + onA.size() + " monitors taken over " + tookMs + " ms after node a froze"
                    + " inside a transaction (lease " + LEASE_MS + " ms)");
            assertThat(onA).allSatisfy(id -> assertThat(b.owns(id)).as("b owns %s", id).isTrue());

            // When a wakes, the server has ended its transaction: nothing of it commits.
            frozenStore.thaw.countDown();
            assertThat(frozenRenewal).failsWithin(10, TimeUnit.SECONDS).withThrowableThat().havingRootCause()
                    .withMessageContaining("idle-in-transaction");
            b.close();
            a.close();
        } finally {
            frozenStore.thaw.countDown();
        }
    }

    /** Real time passes; the given runtimes follow it, their probes answered UP. */
    private static void run(List<ManualRuntime> runtimes, long ms) throws InterruptedException {
        long startedNs = System.nanoTime();
        long lastNs = startedNs;
        while (System.nanoTime() - startedNs < ms * 1_000_000) {
            Thread.sleep(STEP_MS);
            long elapsedMs = (System.nanoTime() - lastNs) / 1_000_000;
            lastNs += elapsedMs * 1_000_000;
            for (ManualRuntime runtime : runtimes) {
                runtime.advanceBy(elapsedMs);
                for (AttemptKey key : runtime.openAttempts()) {
                    runtime.answer(key.operationId(), ProbeResult.up(3, "ok"));
                }
                runtime.deliverEvents();
            }
        }
    }
}
