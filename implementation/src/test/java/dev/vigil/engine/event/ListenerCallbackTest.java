package dev.vigil.engine.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.VigilEngine;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listeners that call engine commands, on real threads: the production runtime (events delivered
 * by its {@code vigil-events} thread, probes on virtual threads), an SQLite file and a loopback
 * HTTP server on 127.0.0.1 that answers 200 at once.
 *
 * <p>Scope: whether a listener's command can block the engine's commands. Two monitors whose
 * {@code CheckCompleted} listeners check each other (the callback that deadlocked two lanes while
 * events were delivered inside them) keep going and stop; a listener that blocks delays no
 * command; a listener commands its own monitor (checkNow, update, stop). Not the events' contents
 * (EngineEndToEndTest, MonitorLifecycleTest). Run once against the old delivery, events handed to
 * the listeners inside the lane (restored by hand, not kept): the first test stopped at one
 * completion each, with {@code close()} blocked too, and the second's {@code start} never
 * returned. On every build, stress's {@code LaneCallbackDeadlockTest} composes that old delivery
 * and shows it deadlocks.
 *
 * <p>No assertion depends on this machine's speed. Every wait is bounded and fails naming what it
 * waited for; every command runs on a thread of its own under {@link #PATIENCE}, so a command
 * blocked on a lane fails the test naming the command instead of hanging the build, and the class
 * timeout (a separate thread) is the last resort.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ListenerCallbackTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** Checks each monitor completes while the two listeners check each other. */
    private static final int ROUNDS = 20;
    /** Callbacks per listener at most: bounds the ping-pong if the test's switch-off were lost. */
    private static final int CALLBACKS_MAX = 500;
    /** Ticks never come during a test: every check here is asked for by a command. */
    private static final long INTERVAL_MS = 3_600_000;

    @TempDir
    Path folder;

    private HttpServer server;
    private ExecutorService serverThreads;
    private VigilEngine engine;
    /** What listeners' commands threw: a listener's command must never fail here. */
    private final List<Throwable> listenerFailures = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        serverThreads = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(serverThreads);
        server.start();
        engine = VigilEngine.builder().storeFile(folder.resolve("vigil.db")).intervalMsMin(1_000).closeWaitMs(2_000).build();
    }

    @AfterEach
    void close() {
        try {
            bounded("close()", () -> {
                engine.close();
                return null;
            });
        } finally {
            server.stop(0);
            serverThreads.shutdownNow();
        }
    }

    private MonitorSettings settings() {
        return MonitorSettings.http("http://127.0.0.1:" + server.getAddress().getPort() + "/health")
                .withIntervalMs(INTERVAL_MS)
                .withTimeoutMs(10_000);
    }

    @Test
    void twoMonitorsWhoseListenersCheckEachOtherKeepGoingAndStop() throws Exception {
        ConcurrentHashMap<String, AtomicInteger> completions = new ConcurrentHashMap<>();
        AtomicBoolean pingPong = new AtomicBoolean(true);
        AtomicInteger callbacksOffTheEventThread = new AtomicInteger();
        engine.addListener(event -> {
            if (!(event instanceof EngineEvent.CheckCompleted completed)) {
                return;
            }
            if (!Thread.currentThread().getName().equals("vigil-events")) {
                callbacksOffTheEventThread.incrementAndGet();
            }
            String other = completed.monitorId().equals("x") ? "y" : "x";
            int seen = completions.computeIfAbsent(completed.monitorId(), id -> new AtomicInteger()).incrementAndGet();
            if (seen == 1) {
                // Both first checks committed before either listener calls back: with events delivered
                // inside the lanes, both lanes were then held at once and the two checkNow calls
                // deadlocked every time. The event thread handles them one after the other.
                awaitFirstCheck(other);
            }
            if (pingPong.get() && seen <= CALLBACKS_MAX) {
                command(() -> engine.checkNow(other));
            }
        });
        engine.add("x", settings());
        engine.add("y", settings());

        // Both start at once: two chains of x → y → x … run side by side, so a completion of x and
        // one of y are often handled while the other monitor's lane is busy.
        assertThat(bounded("start(x)", () -> engine.start("x"))).isTrue();
        assertThat(bounded("start(y)", () -> engine.start("y"))).isTrue();
        await(() -> "x and y to complete " + ROUNDS + " checks each while their listeners check each other (stuck at one each:"
                + " the listeners' commands are blocked on each other's lanes); so far " + completions,
                () -> count(completions, "x") >= ROUNDS && count(completions, "y") >= ROUNDS);

        // Stopped while the listeners are still calling checkNow on both.
        assertThat(bounded("stop(x) during the ping-pong", () -> engine.stop("x"))).isTrue();
        assertThat(bounded("stop(y) during the ping-pong", () -> engine.stop("y"))).isTrue();
        assertPaused("x");
        assertPaused("y");

        pingPong.set(false);
        await(() -> "the ping-pong to die down: no live operation, no undelivered event; live " + engine.diagnostics().liveOperations()
                + ", undelivered " + engine.diagnostics().pendingEvents().size(), () -> engine.diagnostics().liveOperations().isEmpty() && engine.diagnostics().pendingEvents().isEmpty());
        // The listeners' checks after the stops were manual checks of paused monitors (SPEC R8): recorded, status kept.
        assertPaused("x");
        assertPaused("y");
        assertThat(engine.history("x")).hasSizeGreaterThanOrEqualTo(ROUNDS);
        assertThat(engine.history("y")).hasSizeGreaterThanOrEqualTo(ROUNDS);
        assertThat(listenerFailures).as("what the listeners' commands threw").isEmpty();
        assertThat(callbacksOffTheEventThread).as("listener calls on another thread than vigil-events").hasValue(0);

        bounded("close() after the ping-pong", () -> {
            engine.close();
            return null;
        });
    }

    @Test
    void aBlockedListenerDelaysNoCommand() throws Exception {
        CountDownLatch listenerBlocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean insideListener = new AtomicBoolean();
        List<EngineEvent> seen = new CopyOnWriteArrayList<>();
        engine.addListener(event -> {
            seen.add(event);
            if (event instanceof EngineEvent.MonitoringStarted && listenerBlocked.getCount() > 0) {
                insideListener.set(true);
                listenerBlocked.countDown();
                try {
                    // Released by the test only at the end; bounded so that a failed test frees the event thread.
                    if (!release.await(PATIENCE.toMillis() * 2, TimeUnit.MILLISECONDS)) {
                        listenerFailures.add(new AssertionError("the test never released the blocked listener"));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    insideListener.set(false);
                }
            }
        });
        engine.add("z", settings());
        engine.add("other", settings());

        assertThat(bounded("start(z)", () -> engine.start("z"))).isTrue();
        assertThat(listenerBlocked.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                .as("the listener received MonitoringStarted and blocked").isTrue();

        // Every command completes while the listener is still blocked on the event thread.
        assertThat(bounded("stop(z) while a listener is blocked", () -> engine.stop("z"))).isTrue();
        assertStillBlocked(insideListener, release);
        assertThat(bounded("start(z) while a listener is blocked", () -> engine.start("z"))).isTrue();
        bounded("checkNow(z) while a listener is blocked", () -> {
            engine.checkNow("z");
            return null;
        });
        assertThat(bounded("start(other) while a listener is blocked", () -> engine.start("other"))).isTrue();
        // Checks are applied too: their probes and results do not wait for the event thread.
        await(() -> "z and other to be UP while the listener is blocked", () ->
                status("z") == MonitorStatus.UP && status("other") == MonitorStatus.UP);
        assertStillBlocked(insideListener, release);
        assertThat(engine.diagnostics().pendingEvents()).as("events committed meanwhile wait for the blocked listener").isNotEmpty();

        release.countDown();
        await(() -> "every event to be delivered once the listener is released; undelivered " + engine.diagnostics().pendingEvents(),
                () -> engine.diagnostics().pendingEvents().isEmpty());
        assertThat(seen).filteredOn(event -> event.monitorId().equals("z")
                        && (event instanceof EngineEvent.MonitoringStarted || event instanceof EngineEvent.MonitoringStopped))
                .as("z's lifecycle events, in the order their commands committed")
                .containsExactly(new EngineEvent.MonitoringStarted("z"), new EngineEvent.MonitoringStopped("z"),
                        new EngineEvent.MonitoringStarted("z"));
        assertThat(listenerFailures).isEmpty();
    }

    @Test
    void aListenerCommandsItsOwnMonitor() throws Exception {
        AtomicInteger completions = new AtomicInteger();
        CompletableFuture<Boolean> stoppedByListener = new CompletableFuture<>();
        engine.addListener(event -> {
            if (!(event instanceof EngineEvent.CheckCompleted completed) || !completed.monitorId().equals("self")) {
                return;
            }
            int seen = completions.incrementAndGet();
            if (seen == ROUNDS) {
                command(() -> stoppedByListener.complete(engine.stop("self")));
            } else if (seen == 2) {
                command(() -> engine.update("self", settings().withTimeoutMs(9_000))); // R9: a check at once
            } else if (seen < ROUNDS) {
                command(() -> engine.checkNow("self"));
            }
        });
        engine.add("self", settings());

        assertThat(bounded("start(self)", () -> engine.start("self"))).isTrue();

        assertThat(stoppedByListener.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                .as("stop(self), called by self's own listener, stopped it").isTrue();
        // Each completion asked for exactly one more check, until the stop: ROUNDS records, no more.
        await(() -> "no live operation after the listener's stop", () -> engine.diagnostics().liveOperations().isEmpty());
        assertThat(engine.history("self")).hasSize(ROUNDS);
        assertThat(engine.monitor("self").orElseThrow().settings().timeoutMs()).isEqualTo(9_000);
        assertPaused("self");
        assertThat(listenerFailures).isEmpty();
    }

    /** Runs a listener's command; what it throws is kept for the test to report, since the engine would only log it. */
    private void command(Runnable command) {
        try {
            command.run();
        } catch (RuntimeException | Error failure) {
            listenerFailures.add(failure);
        }
    }

    /** Waits, bounded, until the monitor has a committed check; reads the store, so it takes no lane. */
    private void awaitFirstCheck(String monitorId) {
        long deadlineNs = System.nanoTime() + PATIENCE.toNanos();
        while (engine.history(monitorId).isEmpty()) {
            if (System.nanoTime() > deadlineNs) {
                listenerFailures.add(new AssertionError(monitorId + "'s first check was not committed within " + PATIENCE.toSeconds() + " s"));
                return;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private MonitorStatus status(String monitorId) {
        return engine.monitor(monitorId).map(MonitorSnapshot::status).orElseThrow();
    }

    private void assertPaused(String monitorId) {
        MonitorSnapshot monitor = engine.monitor(monitorId).orElseThrow();
        assertThat(monitor.monitoring()).as(monitorId + " monitoring").isFalse();
        assertThat(monitor.status()).as(monitorId + " status").isEqualTo(MonitorStatus.PAUSED);
    }

    private static void assertStillBlocked(AtomicBoolean insideListener, CountDownLatch release) {
        assertThat(insideListener).as("the listener is still blocked").isTrue();
        assertThat(release.getCount()).as("the test has not released the listener").isEqualTo(1);
    }

    private static int count(ConcurrentHashMap<String, AtomicInteger> completions, String monitorId) {
        AtomicInteger count = completions.get(monitorId);
        return count == null ? 0 : count.get();
    }

    /**
     * Runs {@code command} on a virtual thread of its own and waits for it at most {@link #PATIENCE}.
     * A command blocked on a lane stays parked (a lane cannot be taken away from its holder), and the
     * test fails naming it.
     */
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
            throw new AssertionError(what + " did not return within " + PATIENCE.toSeconds()
                    + " s: it is blocked, most likely on a monitor lane that a listener's command holds", e);
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
