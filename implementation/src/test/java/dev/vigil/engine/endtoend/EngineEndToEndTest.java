package dev.vigil.engine.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.StoreException;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.store.FailingDataSource;
import dev.vigil.engine.testing.PostgresTestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * The engine end to end: production runtime, a real SQLite file and real loopback servers
 * (127.0.0.1 only). Waits poll with generous bounds; no assertion depends on how fast this
 * machine is, only on the order of what happened.
 */
class EngineEndToEndTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path folder;

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int responseStatus = 200;
    private volatile CountDownLatch holdResponses = new CountDownLatch(0);
    private volatile CountDownLatch requestArrived = new CountDownLatch(1);
    private final List<EngineEvent> events = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            requestArrived.countDown();
            try {
                holdResponses.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(responseStatus, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    @AfterEach
    void stopEverything() throws Exception {
        holdResponses.countDown();
        for (AutoCloseable resource : toClose.reversed()) {
            resource.close();
        }
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
    }

    private VigilEngine open(Path file) {
        VigilEngine engine = VigilEngine.builder().storeFile(file).listener(events::add).intervalMsMin(1_000).closeWaitMs(2_000).build();
        toClose.add(engine);
        return engine;
    }

    private static MonitorSettings fast(String url) {
        return MonitorSettings.http(url).withIntervalMs(60_000).withTimeoutMs(1_000);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    private static MonitorStatus status(VigilEngine engine, String monitorId) {
        return engine.monitor(monitorId).map(MonitorSnapshot::status).orElseThrow();
    }

    @Test
    void startGoesPendingThenUp() throws Exception {
        VigilEngine engine = open(folder.resolve("vigil.db"));
        engine.add("site", fast(url()));

        engine.start("site");
        await("the monitor is UP", () -> status(engine, "site") == MonitorStatus.UP);
        // Events are delivered on the event thread after their transactions committed: wait for them.
        await("both status changes are delivered", () -> events.stream().filter(EngineEvent.StatusChanged.class::isInstance).count() == 2);

        assertThat(events).filteredOn(EngineEvent.StatusChanged.class::isInstance).containsExactly(
                new EngineEvent.StatusChanged("site", MonitorStatus.PAUSED, MonitorStatus.PENDING),
                new EngineEvent.StatusChanged("site", MonitorStatus.PENDING, MonitorStatus.UP));
        assertThat(engine.history("site")).singleElement().satisfies(record -> assertThat(record.details()).isEqualTo("HTTP 200"));
    }

    @Test
    void aCallerWaitsForItsCheckNowOnTheListenerThreadAfterTheEvent() throws Exception {
        VigilEngine engine = open(folder.resolve("vigil.db"));
        engine.add("site", fast(url()));

        CheckRecord record = engine.checkNow("site").toCompletableFuture().get(PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);

        assertThat(record.status()).isEqualTo(MonitorStatus.UP);
        assertThat(engine.history("site")).containsExactly(record);
        // The event went to the listeners before the caller's stage completed.
        assertThat(events).filteredOn(EngineEvent.CheckCompleted.class::isInstance).singleElement()
                .satisfies(event -> assertThat(((EngineEvent.CheckCompleted) event).operationId()).isEqualTo(record.operationId()));
        // A paused monitor stays paused after a manual check (SPEC R8).
        assertThat(status(engine, "site")).isEqualTo(MonitorStatus.PAUSED);
    }

    @Test
    void aFailingServerIsDownAfterTheConfiguredRetries() throws Exception {
        responseStatus = 503;
        VigilEngine engine = open(folder.resolve("vigil.db"));
        engine.add("site", fast(url()).withRetryAttempts(2));

        engine.start("site");
        await("the monitor is DOWN", () -> status(engine, "site") == MonitorStatus.DOWN);

        assertThat(requests.get()).isEqualTo(3);
        assertThat(engine.history("site")).singleElement().satisfies(record -> assertThat(record.status()).isEqualTo(MonitorStatus.DOWN));

        // The server stops answering altogether: the next check is DOWN as well, refused.
        server.stop(0);
        responseStatus = 200;
        engine.checkNow("site");
        await("a second DOWN record", () -> engine.history("site").size() == 2);
        assertThat(engine.history("site").get(1).details()).containsIgnoringCase("refused");
    }

    @Test
    void stopWhileASlowCheckIsInFlightStaysPausedAndRecordsNothing() throws Exception {
        holdResponses = new CountDownLatch(1);
        VigilEngine engine = open(folder.resolve("vigil.db"));
        engine.add("site", MonitorSettings.http(url()).withIntervalMs(60_000).withTimeoutMs(20_000));
        engine.start("site");
        assertThat(requestArrived.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        engine.stop("site");
        // Stop publishes MonitoringStopped, then StatusChanged to PAUSED: wait for the last of them.
        await("stop's events are delivered", () -> events.stream().anyMatch(event ->
                event instanceof EngineEvent.StatusChanged change && change.next() == MonitorStatus.PAUSED));
        int eventsAtStop = events.size();
        holdResponses.countDown();
        await("the cancelled operation left the registry", () -> engine.diagnostics().liveOperations().isEmpty());
        await("its discard is delivered", () -> events.stream().anyMatch(EngineEvent.CheckDiscarded.class::isInstance));

        assertThat(status(engine, "site")).isEqualTo(MonitorStatus.PAUSED);
        assertThat(engine.history("site")).isEmpty();
        assertThat(events.subList(eventsAtStop, events.size())).noneMatch(event ->
                event instanceof EngineEvent.StatusChanged || event instanceof EngineEvent.CheckCompleted);
        assertThat(events.subList(eventsAtStop, events.size())).anyMatch(EngineEvent.CheckDiscarded.class::isInstance);
    }

    /** Scenarios 1 and 3 once more, with the store on PostgreSQL: the same engine through a DataSource. */
    @Test
    @EnabledIfEnvironmentVariable(named = PostgresTestDatabase.URL_VARIABLE, matches = "jdbc:postgresql:.+")
    void onPostgresqlAStartGoesUpAndAStopDuringASlowCheckStaysPaused() throws Exception {
        VigilEngine engine = VigilEngine.builder().dataSource(PostgresTestDatabase.dataSource(PostgresTestDatabase.freshSchema()))
                .listener(events::add).intervalMsMin(1_000).closeWaitMs(2_000).build();
        toClose.add(engine);
        engine.add("site", MonitorSettings.http(url()).withIntervalMs(60_000).withTimeoutMs(20_000));
        engine.start("site");
        await("the monitor is UP", () -> status(engine, "site") == MonitorStatus.UP);

        holdResponses = new CountDownLatch(1);
        requestArrived = new CountDownLatch(1);
        engine.checkNow("site");
        assertThat(requestArrived.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        engine.stop("site");
        holdResponses.countDown();
        await("the cancelled operation left the registry", () -> engine.diagnostics().liveOperations().isEmpty());

        assertThat(status(engine, "site")).isEqualTo(MonitorStatus.PAUSED);
        assertThat(engine.history("site")).singleElement().satisfies(record -> assertThat(record.status()).isEqualTo(MonitorStatus.UP));
    }

    @Test
    void aHungTargetWithRetriesIsDownByItsDeadlineNotStuck() throws Exception {
        try (ServerSocket hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                while (!hung.isClosed()) {
                    try {
                        accepted.add(hung.accept()); // accept and never answer
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            VigilEngine engine = open(folder.resolve("vigil.db"));
            MonitorSettings settings = MonitorSettings.http("http://127.0.0.1:" + hung.getLocalPort() + "/").withIntervalMs(60_000)
                    .withTimeoutMs(1_000).withRetryAttempts(1);
            engine.add("hung", settings);

            long startedNs = System.nanoTime();
            engine.start("hung");
            await("the hung monitor is DOWN", () -> status(engine, "hung") == MonitorStatus.DOWN);
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNs);

            CheckRecord record = engine.history("hung").getFirst();
            assertThat(record.details()).isEqualTo("timed out after 1000 ms");
            // Deadline = 2 attempts × 1 000 + back-off 500 + buffer 5 000; a slow machine may add a little.
            assertThat(tookMs).isLessThan(2 * 1_000 + 500 + 5_000 + 5_000);
            // The DOWN status commits inside the apply; the operation leaves the registry right after,
            // in the same lane hold, so a reader on this thread may see the one before the other.
            await("the operation left the registry", () -> engine.diagnostics().liveOperations().isEmpty());
            for (Socket socket : accepted) {
                socket.close();
            }
            acceptor.interrupt();
        }
    }

    @Test
    void reopeningResumesMonitoringMonitorsKeepsPausedOnesAndClearsStaleOperations() throws Exception {
        Path file = folder.resolve("vigil.db");
        holdResponses = new CountDownLatch(1);
        VigilEngine first = VigilEngine.builder().storeFile(file).intervalMsMin(1_000).closeWaitMs(0).build();
        first.add("live", MonitorSettings.http(url()).withIntervalMs(60_000).withTimeoutMs(20_000));
        first.add("paused", fast(url()));
        first.start("live");
        assertThat(requestArrived.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        String staleOperation = first.monitor("live").orElseThrow().activeOperations().getFirst();
        first.close(); // like a crash for the operation: it was in flight and is now stale
        holdResponses.countDown();

        VigilEngine second = open(file);

        assertThat(second.monitor("paused").orElseThrow().status()).isEqualTo(MonitorStatus.PAUSED);
        assertThat(second.monitor("live").orElseThrow().activeOperations()).doesNotContain(staleOperation);
        await("the resumed monitor is UP", () -> status(second, "live") == MonitorStatus.UP);
        assertThat(second.monitor("live").orElseThrow().monitoring()).isTrue();
        assertThat(second.history("paused")).isEmpty();
    }

    @Test
    void aStoreFailureWritesNothingHalfAndTheEngineKeepsGoing() throws Exception {
        SQLiteDataSource sqlite = new SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite:" + folder.resolve("vigil.db"));
        FailingDataSource dataSource = new FailingDataSource(sqlite);
        VigilEngine engine = VigilEngine.builder().dataSource(dataSource).listener(events::add).intervalMsMin(1_000).build();
        toClose.add(engine);
        engine.add("site", fast(url()));

        dataSource.failOnCommit();
        assertThatThrownBy(() -> engine.start("site")).isInstanceOf(StoreException.class);

        MonitorSnapshot afterFailure = engine.monitor("site").orElseThrow();
        assertThat(afterFailure.monitoring()).isFalse();
        assertThat(afterFailure.status()).isEqualTo(MonitorStatus.PAUSED);
        await("the store failure is delivered", () -> !events.isEmpty());
        assertThat(events).singleElement().isInstanceOf(EngineEvent.StoreFailed.class);
        assertThat(engine.diagnostics().liveOperations()).isEmpty();
        assertThat(engine.diagnostics().hasTick("site")).isFalse();
        try (Connection connection = sqlite.getConnection(); Statement statement = connection.createStatement()) {
            assertThat(statement.executeQuery("select count(*) from history").getInt(1)).isZero();
        }

        engine.start("site");
        await("the monitor is UP after the failure", () -> status(engine, "site") == MonitorStatus.UP);

        // A failure in the middle of applying a result (after its status update ran): the
        // operation is discarded and nothing is half-written.
        dataSource.failNextStatementContaining("INSERT INTO history");
        engine.checkNow("site");
        await("the failed apply was reported", () -> events.stream().filter(EngineEvent.StoreFailed.class::isInstance).count() == 2);
        await("the operation left", () -> engine.diagnostics().liveOperations().isEmpty());
        assertThat(engine.history("site")).hasSize(1);
        engine.checkNow("site");
        await("the next check lands", () -> engine.history("site").size() == 2);
    }
}
