package dev.vigil.engine.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.runtime.EngineClock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The standard probes against real loopback servers (127.0.0.1 only). */
class ProbesTest {
    private static final EngineClock CLOCK = new EngineClock() {
        @Override
        public long monotonicMs() {
            return 0;
        }

        @Override
        public long wallTimeMs() {
            return 0;
        }
    };

    private final Probe probe = Probes.standard(CLOCK);
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", exchange -> respond(exchange, 200, "all systems operational"));
        server.createContext("/unavailable", exchange -> respond(exchange, 503, "down"));
        server.createContext("/hop1", exchange -> redirect(exchange, "/hop2"));
        server.createContext("/hop2", exchange -> redirect(exchange, url("/ok")));
        server.createContext("/loop", exchange -> redirect(exchange, "/loop"));
        server.createContext("/ftp", exchange -> redirect(exchange, "ftp://127.0.0.1/file"));
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void redirect(com.sun.net.httpserver.HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private MonitorSettings http(String path) {
        return MonitorSettings.http(url(path)).withTimeoutMs(5_000);
    }

    @Test
    void httpIsUpWithinTheExpectedStatusRangeAndDownOutsideIt() throws Exception {
        assertThat(probe.probe(http("/ok"))).satisfies(result -> {
            assertThat(result.up()).isTrue();
            assertThat(result.details()).isEqualTo("HTTP 200");
        });
        assertThat(probe.probe(http("/unavailable"))).satisfies(result -> {
            assertThat(result.up()).isFalse();
            assertThat(result.details()).isEqualTo("HTTP 503 (expected 200–299)");
        });
        assertThat(probe.probe(http("/unavailable").withExpectedStatus(500, 599)).up()).isTrue();
    }

    @Test
    void httpFollowsRedirectsUpToTheLimitAndOnlyToHttp() throws Exception {
        assertThat(probe.probe(http("/hop1")).up()).isTrue();
        assertThat(probe.probe(http("/hop1").withRedirectsMax(1)).details()).isEqualTo("too many redirects (more than 1)");
        assertThat(probe.probe(http("/loop")).details()).startsWith("too many redirects");
        assertThat(probe.probe(http("/ftp")).details()).startsWith("redirect to a non-HTTP location");
    }

    @Test
    void httpChecksTheKeywordInTheBody() throws Exception {
        assertThat(probe.probe(http("/ok").withKeyword("operational")).up()).isTrue();
        assertThat(probe.probe(http("/ok").withKeyword("degraded")).details()).isEqualTo("keyword 'degraded' not found in first 1048576 bytes");
    }

    @Test
    void httpToAClosedPortIsDownNotAnException() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ProbeResult result = probe.probe(MonitorSettings.http("http://127.0.0.1:" + closedPort + "/").withTimeoutMs(2_000));
        assertThat(result.up()).isFalse();
        assertThat(result.details()).containsIgnoringCase("refused");
    }

    @Test
    void httpsToAPlainHttpPortFailsTheTlsHandshake() throws Exception {
        ProbeResult result = probe.probe(MonitorSettings.http("https://127.0.0.1:" + server.getAddress().getPort() + "/ok").withTimeoutMs(3_000));
        assertThat(result.up()).isFalse();
    }

    @Test
    void tcpIsUpWhenTheConnectionIsAcceptedAndDownWhenRefused() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(probe.probe(MonitorSettings.tcp("127.0.0.1:" + listening.getLocalPort()).withTimeoutMs(2_000)).details())
                    .isEqualTo("connected");
        }
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        assertThat(probe.probe(MonitorSettings.tcp("127.0.0.1:" + closedPort).withTimeoutMs(2_000)).details()).isEqualTo("connection refused");
    }

    @Test
    void dnsResolvesLocalhost() throws Exception {
        ProbeResult result = probe.probe(MonitorSettings.dns("localhost").withTimeoutMs(2_000));
        assertThat(result.up()).isTrue();
        assertThat(result.details()).startsWith("resolved to ");
    }
}
