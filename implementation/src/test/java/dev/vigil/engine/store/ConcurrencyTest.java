package dev.vigil.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.MonitorStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real threads on a file store. Scope: the repository's own guarantees under contention (no
 * exception, no lost or duplicated write, the apply compare-and-set admits exactly one winner),
 * not the engine's per-monitor serialization, which is the engine's to test.
 */
class ConcurrencyTest {
    static final int THREADS = 4;
    static final int ITERATIONS_PER_THREAD = 500;
    static final int RACE_ROUNDS = 100;

    @TempDir
    Path directory;

    private static CheckRecord result(String operationId) {
        return new CheckRecord(operationId, 1_000, MonitorStatus.UP, 5, "HTTP 200");
    }

    /** Runs {@code task(thread)} on {@link #THREADS} threads at once and rethrows any failure. */
    private static <T> List<T> onThreads(Function<Integer, T> task) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(THREADS);
        try {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<T>> futures = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                int index = thread;
                futures.add(executor.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return task.apply(index);
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * Each thread begins and applies operations on its own monitor (each pair must succeed) and
     * on one monitor shared by all (where another thread's begin may replace the list between
     * a thread's begin and its apply). Every success must leave exactly one history record.
     */
    private static void beginAndApplyCountsAreExact(MonitorRepository repository) throws Exception {
        repository.insert("shared", MonitorRepositoryContract.HTTP);
        repository.setMonitoring("shared", true, MonitorStatus.PENDING);
        for (int thread = 0; thread < THREADS; thread++) {
            repository.insert("own" + thread, MonitorRepositoryContract.HTTP);
            repository.setMonitoring("own" + thread, true, MonitorStatus.PENDING);
        }

        List<Integer> sharedWins = onThreads(thread -> {
            String own = "own" + thread;
            int wins = 0;
            for (int i = 0; i < ITERATIONS_PER_THREAD; i++) {
                String op = "t" + thread + "-" + i;
                assertThat(repository.setActiveOperations(own, List.of(op))).isTrue();
                assertThat(repository.applyResult(own, op, false, result(op))).isTrue();
                assertThat(repository.setActiveOperations("shared", List.of(op))).isTrue();
                if (repository.applyResult("shared", op, false, result(op))) {
                    wins++;
                }
            }
            return wins;
        });

        for (int thread = 0; thread < THREADS; thread++) {
            List<CheckRecord> history = repository.history("own" + thread);
            assertThat(history).hasSize(ITERATIONS_PER_THREAD);
            // One thread's own history is in its program order.
            assertThat(history.get(0).operationId()).isEqualTo("t" + thread + "-0");
            assertThat(history.get(ITERATIONS_PER_THREAD - 1).operationId())
                    .isEqualTo("t" + thread + "-" + (ITERATIONS_PER_THREAD - 1));
            assertThat(repository.find("own" + thread).orElseThrow().activeOperations()).isEmpty();
        }
        int totalWins = sharedWins.stream().mapToInt(Integer::intValue).sum();
        List<CheckRecord> shared = repository.history("shared");
        assertThat(shared).hasSize(totalWins);
        assertThat(shared).extracting(CheckRecord::operationId).doesNotHaveDuplicates();
        assertThat(totalWins).isPositive();
    }

    /** Every round lists one operation and lets all threads apply it at once: exactly one wins. */
    private static void exactlyOneApplyWinsARace(MonitorRepository repository) throws Exception {
        repository.insert("m1", MonitorRepositoryContract.HTTP);
        repository.setMonitoring("m1", true, MonitorStatus.PENDING);
        CyclicBarrier round = new CyclicBarrier(THREADS, () -> { });
        AtomicInteger wins = new AtomicInteger();

        onThreads(thread -> {
            try {
                for (int r = 0; r < RACE_ROUNDS; r++) {
                    String op = "round-" + r;
                    if (thread == 0) {
                        repository.setActiveOperations("m1", List.of(op));
                    }
                    round.await(10, TimeUnit.SECONDS); // listed before anyone applies
                    if (repository.applyResult("m1", op, thread % 2 == 0, result(op))) {
                        wins.incrementAndGet();
                    }
                    round.await(10, TimeUnit.SECONDS); // everyone done before the next listing
                }
                return null;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });

        assertThat(wins.get()).isEqualTo(RACE_ROUNDS);
        assertThat(repository.history("m1")).hasSize(RACE_ROUNDS)
                .extracting(CheckRecord::operationId).doesNotHaveDuplicates();
    }

    @Test
    @Timeout(30)
    void beginAndApplyOnOneFileConnection() throws Exception {
        try (MonitorRepository repository = MonitorRepository.openSqliteFile(directory.resolve("vigil.db"))) {
            beginAndApplyCountsAreExact(repository);
        }
    }

    @Test
    @Timeout(30)
    void applyRaceOnOneFileConnection() throws Exception {
        try (MonitorRepository repository = MonitorRepository.openSqliteFile(directory.resolve("vigil.db"))) {
            exactlyOneApplyWinsARace(repository);
        }
    }

    @Test
    @Timeout(30)
    void applyRaceOverADataSourceWithAConnectionPerTransaction() throws Exception {
        // Here the database, not a JVM lock, arbitrates: BEGIN IMMEDIATE serializes the writers.
        try (MonitorRepository repository = MonitorRepository.open(
                DataSourceRepositoryTest.dataSource(directory.resolve("vigil.db")))) {
            exactlyOneApplyWinsARace(repository);
        }
    }
}
