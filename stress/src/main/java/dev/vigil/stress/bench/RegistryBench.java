package dev.vigil.stress.bench;

import dev.vigil.engine.operation.MonitorOperationRegistry;
import dev.vigil.engine.operation.Operation;
import dev.vigil.engine.spi.OperationIdSource;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Throughput of the operation registry's hot paths, the engine's {@link MonitorOperationRegistry}
 * ({@code registry=concurrent}) side by side with {@link SynchronizedRegistry}, one lock
 * ({@code registry=synchronized}). Run it at 1 and 2 threads ({@code -t}); each thread checks
 * its own monitor, as the engine's lanes do, so any slowdown at 2 threads is the registry's own
 * contention. Figures, never assertions: {@link BenchSuite} prints the ratio.
 *
 * <p>The registry starts with {@code backgroundMonitors} other monitors each holding a live
 * operation, as in an engine checking ten thousand monitors: hash tables then have their
 * production size (a near-empty concurrent map keeps all its bins in one cache line, which two
 * threads would fight over for no reason an engine ever meets).
 *
 * <p>Operation ids come from a per-thread random source, not {@code UUID.randomUUID} as in
 * production: its shared {@code SecureRandom} would dominate and serialize both registries.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RegistryBench {
    /** One check's deadline span; any positive value works, nothing fires. */
    private static final long DEADLINE_MS = 35_000;

    @Param({"concurrent", "synchronized"})
    public String registry;

    @Param({"10000"})
    public int backgroundMonitors;

    private Target target;

    @Setup(Level.Trial)
    public void open() {
        OperationIdSource ids = () -> Long.toHexString(ThreadLocalRandom.current().nextLong());
        target = switch (registry) {
            case "concurrent" -> new Concurrent(new MonitorOperationRegistry(ids));
            case "synchronized" -> new Locked(new SynchronizedRegistry(ids));
            default -> throw new IllegalArgumentException("registry = " + registry + ": expected concurrent or synchronized");
        };
        for (int i = 0; i < backgroundMonitors; i++) {
            target.initiate("background-" + i);
        }
    }

    /** Each benchmark thread is one monitor's lane. */
    @State(Scope.Thread)
    public static class Lane {
        String monitorId;

        @Setup(Level.Trial)
        public void name(ThreadParams thread) {
            monitorId = "m-" + thread.getThreadIndex();
        }
    }

    /** A check that applies: initiate, validate (SPEC R6), complete. */
    @Benchmark
    public boolean initiateComplete(Lane lane) {
        Operation operation = target.initiate(lane.monitorId);
        boolean valid = target.validate(operation.id(), lane.monitorId);
        return target.complete(operation.id()) && valid;
    }

    /** A check that a stop cancels: initiate, cancel, validate (refused), complete. */
    @Benchmark
    public boolean initiateCancelComplete(Lane lane) {
        Operation operation = target.initiate(lane.monitorId);
        target.cancel(lane.monitorId);
        boolean valid = target.validate(operation.id(), lane.monitorId);
        return target.complete(operation.id()) && !valid;
    }

    /** The four calls both registries answer; one adapter each, so both pay the same indirection. */
    private interface Target {
        Operation initiate(String monitorId);

        void cancel(String monitorId);

        boolean validate(String operationId, String monitorId);

        boolean complete(String operationId);
    }

    private record Concurrent(MonitorOperationRegistry registry) implements Target {
        @Override
        public Operation initiate(String monitorId) {
            return registry.initiateCheck(monitorId, 0, DEADLINE_MS, false);
        }

        @Override
        public void cancel(String monitorId) {
            registry.cancelOperations(monitorId);
        }

        @Override
        public boolean validate(String operationId, String monitorId) {
            return registry.validateOperation(operationId, monitorId);
        }

        @Override
        public boolean complete(String operationId) {
            return registry.completeOperation(operationId).isPresent();
        }
    }

    private record Locked(SynchronizedRegistry registry) implements Target {
        @Override
        public Operation initiate(String monitorId) {
            return registry.initiateCheck(monitorId, 0, DEADLINE_MS, false);
        }

        @Override
        public void cancel(String monitorId) {
            registry.cancelOperations(monitorId);
        }

        @Override
        public boolean validate(String operationId, String monitorId) {
            return registry.validateOperation(operationId, monitorId);
        }

        @Override
        public boolean complete(String operationId) {
            return registry.completeOperation(operationId).isPresent();
        }
    }
}
