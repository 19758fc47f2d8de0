package dev.vigil.stress.lanes;

import dev.vigil.engine.assembly.EngineAssembly;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.check.CheckerFactory;
import dev.vigil.engine.check.EnhancedMonitoringServiceFactory;
import dev.vigil.engine.event.EngineListener;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.runtime.ProductionRuntime;
import dev.vigil.engine.store.MonitorRepository;
import dev.vigil.stress.variants.InLaneCallbacks;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The two-monitor callback (a completion of x checks y, one of y checks x) on real threads: the
 * production runtime, probes on its virtual threads, SQLite in memory. Run twice with the same
 * callback ({@link CrossCheck}) and the same deadlock detector ({@link LaneWaits}):
 *
 * <ul>
 *   <li>NEGATIVE CONTROL: composed as the engine used to deliver events, inside the lane
 *       ({@link InLaneCallbacks}). It must deadlock: both callbacks' {@code checkNow} calls parked
 *       entering the other monitor's lane while each holds its own, and a user's {@code stop("x")}
 *       parked behind them.</li>
 *   <li>The engine as it ships (the production checker, the callback a listener): the ping-pong
 *       runs {@value #ROUNDS} checks each, the stops return, no callback ran in a lane.</li>
 * </ul>
 *
 * <p>Scope: lane deadlocks that listener commands can cause, and nothing else: not what the
 * events say, not probes over the network (engine's {@code ListenerCallbackTest} does the real
 * engine over loopback HTTP). The detector needs no timing (a cycle of lane holders parked on each
 * other never resolves); the waits for it to form are bounded and fail naming what they waited
 * for. The control's deadlocked threads stay parked until the test JVM exits: a lane cannot be
 * taken from its holder. They hold nothing else; the store and runtime are closed around them.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LaneCallbackDeadlockTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** Checks per monitor the real engine must complete while the callbacks ping-pong. */
    private static final int ROUNDS = 20;
    /** Never reached: every check here is asked for by a command or a callback. */
    private static final long INTERVAL_MS = 3_600_000;
    private static final MonitorSettings SETTINGS = MonitorSettings.http("http://target.invalid/health")
            .withIntervalMs(INTERVAL_MS)
            .withTimeoutMs(60_000);

    /** Holds the first probes until both monitors started: both first checks then complete on probe threads. */
    private final CountDownLatch probesReleased = new CountDownLatch(1);
    private final ProductionRuntime runtime = ProductionRuntime.create(settings -> {
        if (!probesReleased.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the test never released the probes");
        }
        return ProbeResult.up(1, "up");
    });
    private final MonitorRepository repository = MonitorRepository.openSqliteInMemory();
    private final LaneWaits waits = new LaneWaits("x", "y");
    private final CrossCheck crossCheck = new CrossCheck("x", "y", waits, PATIENCE);
    private VigilEngine engine;
    private boolean deadlocked;

    @AfterEach
    void close() {
        crossCheck.stop();
        probesReleased.countDown();
        try {
            if (engine != null && !deadlocked) {
                bounded("close()", () -> {
                    engine.close();
                    return null;
                });
            }
        } finally {
            runtime.close(0);
            repository.close();
        }
    }

    private VigilEngine build(CheckerFactory factory, Optional<EngineListener> listener) {
        VigilEngine.Builder builder = EngineAssembly.builder(repository, factory)
                .runtime(runtime)
                .intervalMsMin(1_000)
                .closeWaitMs(1_000);
        listener.ifPresent(builder::listener);
        engine = builder.build();
        crossCheck.engine(engine);
        engine.add("x", SETTINGS);
        engine.add("y", SETTINGS);
        return engine;
    }

    private void startBoth() {
        assertThat(bounded("start(x)", () -> engine.start("x"))).isTrue();
        assertThat(bounded("start(y)", () -> engine.start("y"))).isTrue();
        probesReleased.countDown();
    }

    @Test
    void callbacksInsideTheLanesDeadlockTheTwoMonitors() throws Exception {
        build(context -> {
            waits.watch(context.lanes());
            return new InLaneCallbacks(crossCheck).create(context);
        }, Optional.empty());

        startBoth();
        await(() -> "the in-lane callbacks to deadlock (commands in progress: " + waits.inProgress() + ", completions x="
                + crossCheck.completions("x") + ", y=" + crossCheck.completions("y") + ")", () -> waits.deadlock().isPresent());
        deadlocked = true;

        List<LaneWaits.Wait> cycle = waits.deadlock().orElseThrow();
        assertThat(cycle).as("the cycle: each callback holds its own lane and waits for the other's")
                .extracting(wait -> wait.held() + "→" + wait.wanted())
                .containsExactlyInAnyOrder("[x]→y", "[y]→x");
        assertThat(waits.callbacksInLane()).as("callbacks that ran with a lane held (direct check)").isEqualTo(2);
        assertThat(crossCheck.completions("x")).isEqualTo(1);
        assertThat(crossCheck.completions("y")).isEqualTo(1);

        // What a user sees: stopping a monitor hangs behind the deadlocked lane.
        CompletableFuture<Boolean> stop = new CompletableFuture<>();
        Thread stopping = Thread.ofVirtual().name("user-stop-x").start(() -> stop.complete(engine.stop("x")));
        await(() -> "stop(x) to park entering x's lane", () -> LaneWaits.parkedEnteringLane(stopping));
        assertThat(stop).as("stop(x), parked behind the lane a deadlocked callback holds").isNotDone();
        assertThat(waits.deadlock()).as("the same cycle, still there").contains(cycle);
    }

    @Test
    void theEngineDeliversTheSameCallbackOutsideTheLanes() throws Exception {
        build(context -> {
            waits.watch(context.lanes());
            return EnhancedMonitoringServiceFactory.composeEnhanced(context);
        }, Optional.of(crossCheck));

        startBoth();
        await(() -> "x and y to complete " + ROUNDS + " checks each (completions x=" + crossCheck.completions("x") + ", y="
                + crossCheck.completions("y") + "; commands in progress: " + waits.inProgress() + ")", () -> {
                    Optional<List<LaneWaits.Wait>> cycle = waits.deadlock();
                    if (cycle.isPresent()) {
                        throw new AssertionError("the engine's listeners deadlocked on the lanes: " + cycle.get());
                    }
                    return crossCheck.completions("x") >= ROUNDS && crossCheck.completions("y") >= ROUNDS;
                });

        // Stopped while the callbacks still ping-pong.
        assertThat(bounded("stop(x) during the ping-pong", () -> engine.stop("x"))).isTrue();
        assertThat(bounded("stop(y) during the ping-pong", () -> engine.stop("y"))).isTrue();
        crossCheck.stop();
        await(() -> "the ping-pong to die down (live " + engine.diagnostics().liveOperations() + ", undelivered " + engine.diagnostics().pendingEvents().size() + ")",
                () -> engine.diagnostics().liveOperations().isEmpty() && engine.diagnostics().pendingEvents().isEmpty());

        assertPaused("x");
        assertPaused("y");
        assertThat(waits.callbacksInLane()).as("callbacks that ran with a lane held (direct check)").isZero();
        assertThat(waits.callbacksOutsideLanes()).isGreaterThanOrEqualTo(2 * ROUNDS);
        assertThat(crossCheck.failures()).as("what the callbacks' commands threw").isEmpty();
    }

    private void assertPaused(String monitorId) {
        MonitorSnapshot monitor = engine.monitor(monitorId).orElseThrow();
        assertThat(monitor.monitoring()).as(monitorId + " monitoring").isFalse();
        assertThat(monitor.status()).as(monitorId + " status").isEqualTo(MonitorStatus.PAUSED);
    }

    /** Runs {@code command} on a virtual thread of its own and waits at most {@link #PATIENCE}, failing with its name. */
    private static <T> T bounded(String what, Callable<T> command) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofVirtual().name("test-command").start(() -> {
            try {
                result.complete(command.call());
            } catch (Throwable failure) {
                result.completeExceptionally(failure);
            }
        });
        try {
            return result.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(what + " did not return within " + PATIENCE.toSeconds() + " s: blocked on a monitor lane?", e);
        } catch (ExecutionException e) {
            throw new AssertionError(what + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        }
    }

    private static void await(Supplier<String> what, BooleanSupplier condition) throws InterruptedException {
        long deadlineNs = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadlineNs) {
                throw new AssertionError("timed out after " + PATIENCE.toSeconds() + " s waiting for " + what.get());
            }
            Thread.sleep(5);
        }
    }
}
