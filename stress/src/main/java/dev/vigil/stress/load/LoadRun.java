package dev.vigil.stress.load;

import com.sun.management.OperatingSystemMXBean;
import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.runtime.ProductionRuntime;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * One load-test run: the engine with its production runtime (observed through
 * {@link MeasuredRuntime}) and a SQLite file, {@code monitors} HTTP monitors against a
 * {@link LoopbackHttpServer}, for a bounded time. Then stopAll, a wait for late probe returns,
 * and the audit.
 *
 * <p>Starts are spread evenly over the first interval: a start checks at once (SPEC R2) and ticks
 * follow at a fixed rate, so starting every monitor in the same instant would make every check
 * of every interval due in the same millisecond, which no deployment does. Bounded everywhere:
 * the window ({@code durationMs}), the storm ({@value #STORM_COMMANDS_MAX} commands), the wait
 * for late returns (one timeout plus {@value #SETTLE_SLACK_MS} ms), the server's hangs.
 */
public final class LoadRun {
    static final long PROGRESS_EVERY_MS = 5_000;
    static final long STORM_COMMANDS_MAX = 2_000_000;
    static final int STORM_THREADS = 2;
    static final long SETTLE_SLACK_MS = 1_000;

    private final LoadOptions options;
    private final PrintStream progress;
    private final LagRecorder tickLag = new LagRecorder();
    private final LagRecorder warmTickLag = new LagRecorder();
    private final OperationAudit audit = new OperationAudit();
    private final OperationSystem system = new OperationSystem();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicLong stormCommands = new AtomicLong();

    private LoadRun(LoadOptions options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    /** Runs {@code options} and returns its figures and audit; progress lines go to {@code progress}. */
    public static LoadReport run(LoadOptions options, PrintStream progress) throws IOException, InterruptedException {
        return new LoadRun(options, progress).run();
    }

    private LoadReport run() throws IOException, InterruptedException {
        Path directory = options.storeDirectory().isPresent() ? Files.createDirectories(options.storeDirectory().get())
                : Files.createTempDirectory("vigil-load");
        try (LoopbackHttpServer server = LoopbackHttpServer.start(options.slowMs())) {
            MeasuredRuntime runtime = new MeasuredRuntime(ProductionRuntime.create(), tickLag, warmTickLag, audit);
            // The engine closes the runtime it was given too (VigilEngine#close).
            try (VigilEngine engine = VigilEngine.builder()
                    .storeFile(directory.resolve("load.db"))
                    .runtime(runtime)
                    .listener(audit)
                    .intervalMsMin(MonitorSettings.INTERVAL_MS_FLOOR)
                    .closeWaitMs(options.timeoutMs() + SETTLE_SLACK_MS)
                    .build()) {
                return measure(engine, runtime, server);
            }
        } finally {
            if (options.storeDirectory().isEmpty()) {
                deleteRecursively(directory);
            }
        }
    }

    private LoadReport measure(VigilEngine engine, MeasuredRuntime runtime, LoopbackHttpServer server) throws InterruptedException {
        List<String> ids = new ArrayList<>(options.monitors());
        long setupStartNs = System.nanoTime();
        for (int i = 0; i < options.monitors(); i++) {
            String id = String.format("m%05d", i);
            ids.add(id);
            engine.add(id, MonitorSettings.http(server.url(targetKind(i), id))
                    .withIntervalMs(options.intervalMs()).withTimeoutMs(options.timeoutMs()).withRetryAttempts(0));
        }
        double setupSeconds = (System.nanoTime() - setupStartNs) / 1e9;
        progress.printf("load: %,d monitors added in %.1f s; starting them over %,d ms, measuring %,d ms%n",
                options.monitors(), setupSeconds, rampMs(), options.durationMs());

        long startNs = System.nanoTime();
        long endNs = startNs + TimeUnit.MILLISECONDS.toNanos(options.durationMs());
        long cpuStartNs = system.processCpuNs();
        audit.windowEndsAt(endNs);
        // The first round of ticks runs every tick path for the first time (class loading, JIT);
        // from the second round on the engine is warm. Both are reported.
        runtime.warmFrom(startNs + TimeUnit.MILLISECONDS.toNanos(rampMs() + options.intervalMs()));
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("load-progress").factory());
        reporter.scheduleAtFixedRate(() -> progressLine(startNs, runtime), PROGRESS_EVERY_MS, PROGRESS_EVERY_MS, TimeUnit.MILLISECONDS);
        AtomicBoolean stormOn = new AtomicBoolean(options.scenario() == LoadOptions.Scenario.STORM);
        List<Thread> storm = new ArrayList<>();
        for (int t = 0; stormOn.get() && t < STORM_THREADS; t++) {
            long seed = t + 1;
            storm.add(Thread.ofPlatform().name("load-storm-" + t).start(() -> storm(engine, ids, stormOn, seed)));
        }
        long[] startedAtNs = new long[ids.size()];
        try {
            startAll(engine, ids, startNs, endNs, startedAtNs);
            sleepUntil(endNs);
        } finally {
            stormOn.set(false);
            for (Thread thread : storm) {
                thread.join();
            }
            reporter.shutdownNow();
        }
        // The window ends here: everything below is after it.
        long checksBegun = runtime.checksBegun();
        LagRecorder.Summary lag = tickLag.summary();
        LagRecorder.Summary warmLag = warmTickLag.summary();
        long wallNs = System.nanoTime() - startNs;
        double cpuCores = (double) (system.processCpuNs() - cpuStartNs) / wallNs;
        long scheduled = scheduledChecks(startedAtNs, endNs);
        long skippedTicks = engine.diagnostics().skippedTicks();
        // Checks begun in the window may still be out (a hanging target takes its whole timeout):
        // they count as done when they land, so wait for them before stopping everything.
        Thread.sleep(options.timeoutMs() + SETTLE_SLACK_MS);
        long checksCompleted = audit.checksCompletedBegunInWindow();

        long stopStartNs = System.nanoTime();
        engine.stopAll();
        double stopAllSeconds = (System.nanoTime() - stopStartNs) / 1e9;
        long historyRows = auditAfterStop(engine, ids);
        system.sampleHeap();
        long heapLiveMb = system.heapLiveMb();
        return new LoadReport(options, wallNs / 1e9, scheduled, checksBegun, checksCompleted, audit.checksDiscarded(), skippedTicks,
                lag, warmLag, cpuCores, Runtime.getRuntime().availableProcessors(), system.heapUsedMbMax(), heapLiveMb, audit.storeFailures(),
                audit.databaseLocked(), historyRows, server.answered(), server.hung(), stormCommands.get(), setupSeconds,
                stopAllSeconds, audit.violationCount(), audit.violations());
    }

    /** Which loopback path monitor {@code index} checks. */
    private String targetKind(int index) {
        return switch (options.scenario()) {
            case STEADY -> LoopbackHttpServer.OK;
            case HANG -> index % 10 == 0 ? LoopbackHttpServer.HANG : LoopbackHttpServer.OK;
            case STORM -> LoopbackHttpServer.SLOW;
        };
    }

    /** Starts spread over one interval, or over the window if that is shorter. */
    private long rampMs() {
        return Math.min(options.intervalMs(), options.durationMs());
    }

    private void startAll(VigilEngine engine, List<String> ids, long startNs, long endNs, long[] startedAtNs) throws InterruptedException {
        long rampNs = TimeUnit.MILLISECONDS.toNanos(rampMs());
        for (int i = 0; i < ids.size(); i++) {
            long dueNs = startNs + rampNs * i / ids.size();
            sleepUntil(dueNs);
            if (System.nanoTime() >= endNs) {
                progress.printf("load: only %,d of %,d monitors started within the window%n", i, ids.size());
                for (int rest = i; rest < ids.size(); rest++) {
                    startedAtNs[rest] = Long.MAX_VALUE;
                }
                return;
            }
            startedAtNs[i] = System.nanoTime();
            engine.start(ids.get(i));
            started.incrementAndGet();
        }
    }

    /** Checks due in the window: each started monitor at its start, then every interval until the end. */
    private long scheduledChecks(long[] startedAtNs, long endNs) {
        long intervalNs = TimeUnit.MILLISECONDS.toNanos(options.intervalMs());
        long scheduled = 0;
        for (long startedAt : startedAtNs) {
            if (startedAt < endNs) {
                scheduled += (endNs - startedAt + intervalNs - 1) / intervalNs;
            }
        }
        return scheduled;
    }

    /** Stops and restarts random started monitors while their checks are in flight, until told to end. */
    private void storm(VigilEngine engine, List<String> ids, AtomicBoolean on, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        while (on.get() && stormCommands.get() < STORM_COMMANDS_MAX) {
            int startedCount = started.get();
            if (startedCount == 0) {
                Thread.onSpinWait();
                continue;
            }
            String id = ids.get(random.nextInt(startedCount));
            engine.stop(id);
            // A short pause sometimes, so some results arrive while the monitor is stopped.
            if (random.nextInt(4) == 0) {
                sleepQuietly(random.nextInt(1, 20));
            }
            engine.start(id);
            stormCommands.addAndGet(2);
        }
    }

    /**
     * After stopAll: every monitor is paused; after one timeout more (late probe returns come
     * back meanwhile) nothing changed — no status, no last check; then every history row is
     * audited against the operations that were valid (SPEC I2).
     *
     * @return the history rows audited
     */
    private long auditAfterStop(VigilEngine engine, List<String> ids) throws InterruptedException {
        Map<String, MonitorSnapshot> atStop = new HashMap<>();
        for (MonitorSnapshot monitor : engine.monitors()) {
            atStop.put(monitor.id(), monitor);
            if (monitor.monitoring() || monitor.status() != MonitorStatus.PAUSED) {
                audit.violation("after stopAll, " + monitor.id() + " is monitoring=" + monitor.monitoring() + " status=" + monitor.status());
            }
        }
        Thread.sleep(options.timeoutMs() + SETTLE_SLACK_MS);
        for (MonitorSnapshot monitor : engine.monitors()) {
            MonitorSnapshot before = atStop.get(monitor.id());
            if (before == null || monitor.status() != before.status() || !monitor.lastCheckedAtMs().equals(before.lastCheckedAtMs())) {
                audit.violation("stopped monitor " + monitor.id() + " changed after its stop: " + before + " → " + monitor);
            }
        }
        long rows = 0;
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            List<CheckRecord> history = engine.history(id);
            audit.auditHistory(id, history);
            rows += history.size();
            if (targetKind(i).equals(LoopbackHttpServer.HANG)) {
                for (CheckRecord record : history) {
                    if (record.status() != MonitorStatus.DOWN) {
                        audit.violation("hanging target of " + id + " was recorded " + record.status() + ": " + record.details());
                    }
                }
            }
        }
        return rows;
    }

    private void progressLine(long startNs, MeasuredRuntime runtime) {
        system.sampleHeap();
        double elapsedS = (System.nanoTime() - startNs) / 1e9;
        LagRecorder.Summary lag = tickLag.summary();
        progress.printf("[%5.1f s] started %,d/%,d  begun %,d  applied %,d (%,.0f/s)  ticks %,d  lag max %.0f ms  heap %,d MB%s%n",
                elapsedS, started.get(), options.monitors(), runtime.checksBegun(), audit.checksCompleted(),
                audit.checksCompleted() / elapsedS, lag.count(), lag.maxMs(), system.heapUsedMb(),
                options.scenario() == LoadOptions.Scenario.STORM ? String.format("  storm commands %,d", stormCommands.get()) : "");
    }

    private static void sleepUntil(long deadlineNs) throws InterruptedException {
        long leftNs;
        while ((leftNs = deadlineNs - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(leftNs, TimeUnit.MILLISECONDS.toNanos(100)));
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the load test's store " + directory, e);
        }
    }

    /** Process CPU time and heap use, from the platform MXBeans. */
    private static final class OperationSystem {
        private final OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final AtomicLong heapUsedMbMax = new AtomicLong();

        long processCpuNs() {
            return os.getProcessCpuTime();
        }

        long heapUsedMb() {
            return memory.getHeapMemoryUsage().getUsed() >> 20;
        }

        void sampleHeap() {
            heapUsedMbMax.accumulateAndGet(heapUsedMb(), Math::max);
        }

        long heapUsedMbMax() {
            return heapUsedMbMax.get();
        }

        /** Heap in use after a requested full GC: what is still referenced, garbage aside. */
        long heapLiveMb() {
            memory.gc();
            return heapUsedMb();
        }
    }
}
