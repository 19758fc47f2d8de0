package dev.vigil.stress.bench;

import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.StoreException;
import dev.vigil.engine.store.MonitorRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Committed check results per second through the real {@link MonitorRepository} on a SQLite
 * file (WAL, {@code synchronous=NORMAL}: the engine's default store). One operation is what one
 * check costs the store: the "begin operation" transaction (persist the id) and the "apply"
 * compare-and-set transaction (history row, status, unlist). Run at 1 thread (single writer)
 * and at 2 and 4 ({@code -t}), each thread writing its own monitor as the engine's lanes do.
 *
 * <p>"database is locked" failures are counted ({@code lockedErrors}, must be zero), not
 * thrown; any other store failure ends the run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StoreBench {
    /** More monitors than benchmark threads will ever be. */
    static final int MONITORS_MAX = 64;

    private Path directory;
    private MonitorRepository repository;

    @Setup(Level.Trial)
    public void open() throws IOException {
        directory = Files.createTempDirectory("vigil-store-bench");
        repository = MonitorRepository.openSqliteFile(directory.resolve("vigil.db"));
        MonitorSettings settings = MonitorSettings.http("http://127.0.0.1:9/health").withIntervalMs(10_000).withTimeoutMs(5_000);
        for (int i = 0; i < MONITORS_MAX; i++) {
            repository.insert(monitorId(i), settings);
            repository.setMonitoring(monitorId(i), true, MonitorStatus.PENDING);
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        repository.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    static String monitorId(int index) {
        return "m-" + index;
    }

    /** One writer: its monitor, its operation counter, and the locked errors it met (a JMH secondary result). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Lane {
        /** "database is locked" failures met in this iteration; reported by JMH as a secondary result. */
        public long lockedErrors;
        String monitorId;
        long operations;

        @Setup(Level.Trial)
        public void name(ThreadParams thread) {
            if (thread.getThreadIndex() >= MONITORS_MAX) {
                throw new IllegalStateException("threads = " + thread.getThreadCount() + " exceeds " + MONITORS_MAX);
            }
            monitorId = monitorId(thread.getThreadIndex());
        }

        @Setup(Level.Iteration)
        public void reset() {
            lockedErrors = 0;
        }
    }

    /** One check's two transactions: begin the operation, apply its result. */
    @Benchmark
    public boolean checkCommitted(Lane lane) {
        String operationId = lane.monitorId + "-op-" + (++lane.operations);
        try {
            repository.setActiveOperations(lane.monitorId, List.of(operationId));
            CheckRecord record = new CheckRecord(operationId, System.currentTimeMillis(), MonitorStatus.UP, 12, "HTTP 200");
            boolean applied = repository.applyResult(lane.monitorId, operationId, false, record);
            if (!applied) {
                throw new IllegalStateException("the apply of " + operationId + " was refused: the benchmark's monitor changed under it");
            }
            return true;
        } catch (StoreException failure) {
            if (isLocked(failure)) {
                lane.lockedErrors++;
                return false;
            }
            throw failure;
        }
    }

    static boolean isLocked(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && (message.contains("database is locked") || message.contains("SQLITE_BUSY"))) {
                return true;
            }
        }
        return false;
    }
}
