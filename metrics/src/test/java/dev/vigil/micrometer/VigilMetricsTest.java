package dev.vigil.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.VigilEngine;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The binder on a real engine checking a loopback port that accepts and one that refuses. */
class VigilMetricsTest {
    private static final long WAIT_MS_MAX = 20_000;

    @TempDir
    Path folder;

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS_MAX);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT_MS_MAX + " ms: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void checksStatusesAndResponseTimesAreMeasured() throws IOException, InterruptedException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicLong clockMs = new AtomicLong();
        int refusedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            refusedPort = probe.getLocalPort(); // closed again: connecting is refused
        }
        try (ServerSocket open = new ServerSocket(0);
             VigilEngine engine = VigilEngine.builder().storeFile(folder.resolve("vigil.db")).intervalMsMin(1_000).build()) {
            new VigilMetrics(engine, clockMs::get).bindTo(registry);
            MonitorSettings every60s = MonitorSettings.tcp("127.0.0.1:" + open.getLocalPort()).withIntervalMs(60_000).withTimeoutMs(2_000);
            engine.add("up", every60s);
            engine.add("down", MonitorSettings.tcp("127.0.0.1:" + refusedPort).withIntervalMs(60_000).withTimeoutMs(2_000));
            engine.add("paused", every60s);
            assertThat(registry.get("vigil.monitors").tag("status", "paused").gauge().value()).isEqualTo(3);

            engine.start("up");
            engine.start("down");
            await(() -> registry.find("vigil.checks").tag("result", "up").counter() != null
                    && registry.find("vigil.checks").tag("result", "down").counter() != null, "one UP and one DOWN check");

            assertThat(registry.get("vigil.checks").tags("result", "up", "manual", "false").counter().count()).isEqualTo(1);
            assertThat(registry.get("vigil.checks").tags("result", "down", "manual", "false").counter().count()).isEqualTo(1);
            Timer upTimes = registry.get("vigil.check.response").tag("result", "up").timer();
            assertThat(upTimes.count()).isEqualTo(1);
            assertThat(upTimes.max(TimeUnit.MILLISECONDS)).isLessThan(2_000);
            assertThat(registry.get("vigil.status.changes").tag("status", "pending").counter().count()).isEqualTo(2);
            assertThat(registry.get("vigil.status.changes").tag("status", "up").counter().count()).isEqualTo(1);
            assertThat(registry.get("vigil.status.changes").tag("status", "down").counter().count()).isEqualTo(1);

            // The status gauges read the store at most once a second: the clock moves on.
            clockMs.addAndGet(VigilMetrics.STATUS_READ_INTERVAL_MS);
            assertThat(registry.get("vigil.monitors").tag("status", "up").gauge().value()).isEqualTo(1);
            assertThat(registry.get("vigil.monitors").tag("status", "down").gauge().value()).isEqualTo(1);
            assertThat(registry.get("vigil.monitors").tag("status", "paused").gauge().value()).isEqualTo(1);
            assertThat(registry.get("vigil.monitors").tag("status", "pending").gauge().value()).isZero();
            assertThat(registry.get("vigil.ticks.skipped").functionCounter().count()).isZero();
            assertThat(registry.get("vigil.operations.live").gauge().value()).isZero();
            assertThat(registry.get("vigil.checks.discarded").counter().count()).isZero();
            assertThat(registry.get("vigil.events.dropped").functionCounter().count()).isZero();
        }
    }

    @Test
    void listenerTimeCountsEveryDeliveryAndTheSlowListenersTime() throws InterruptedException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        long sleepMs = 30;
        try (VigilEngine engine = VigilEngine.builder().storeFile(folder.resolve("listeners.db")).intervalMsMin(1_000).build()) {
            new VigilMetrics(engine).bindTo(registry);
            engine.addListener(event -> {
                try {
                    Thread.sleep(sleepMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            engine.add("m", MonitorSettings.tcp("127.0.0.1:9").withIntervalMs(60_000));
            engine.start("m"); // MonitoringStarted and StatusChanged: two deliveries at least
            FunctionTimer listeners = registry.get("vigil.listener.time").functionTimer();
            await(() -> listeners.count() >= 2, "two deliveries");

            // A floor, not a figure: each delivery ran the sleeping listener once. The count is read
            // first: a delivery's time is added before it is counted, so the total covers it.
            double delivered = listeners.count();
            assertThat(listeners.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(delivered * sleepMs * 0.9);
        }
    }
}
