package dev.vigil.stress.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load test's targets: an HTTP server on the loopback interface only, one virtual thread per
 * exchange (so thousands of hanging requests cost no platform threads). Paths:
 * <ul>
 *   <li>{@code /ok/…} answers 200 at once;</li>
 *   <li>{@code /slow/…} answers 200 after {@code slowMs};</li>
 *   <li>{@code /hang/…} never answers until the server closes (the probe must time out).</li>
 * </ul>
 * Counts what it served. Closing releases every hanging exchange.
 */
public final class LoopbackHttpServer implements AutoCloseable {
    /** The path of targets that answer 200 at once. */
    public static final String OK = "ok";
    static final String SLOW = "slow";
    static final String HANG = "hang";
    /** A hanging exchange gives up by itself after this, so nothing outlives a forgotten server. */
    private static final long HANG_MS_MAX = TimeUnit.MINUTES.toMillis(10);
    private static final byte[] BODY = "ok\n".getBytes(StandardCharsets.US_ASCII);

    private final HttpServer server;
    private final ExecutorService exchanges = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("loopback-http-", 0).factory());
    private final CountDownLatch released = new CountDownLatch(1);
    private final long slowMs;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong hung = new AtomicLong();

    private LoopbackHttpServer(long slowMs) throws IOException {
        this.slowMs = slowMs;
        // A deep backlog: ten thousand monitors may open their first connections in the same second.
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4_096);
        server.setExecutor(exchanges);
        server.createContext("/", this::handle);
    }

    /** Starts a server on an ephemeral loopback port; {@code slowMs} is how long {@code /slow/…} takes. */
    public static LoopbackHttpServer start(long slowMs) throws IOException {
        LoopbackHttpServer started = new LoopbackHttpServer(slowMs);
        started.server.start();
        return started;
    }

    /** The URL a monitor checks: {@code kind} is {@link #OK}, {@link #SLOW} or {@link #HANG}. */
    public String url(String kind, String monitorId) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + kind + "/" + monitorId;
    }

    long answered() {
        return answered.get();
    }

    long hung() {
        return hung.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/" + HANG + "/")) {
                hung.incrementAndGet();
                released.await(HANG_MS_MAX, TimeUnit.MILLISECONDS);
                return; // closing without a response: the client sees the connection end, long after its timeout
            }
            if (path.startsWith("/" + SLOW + "/")) {
                Thread.sleep(slowMs);
            }
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(BODY);
            }
            answered.incrementAndGet();
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        exchanges.shutdownNow();
    }
}
