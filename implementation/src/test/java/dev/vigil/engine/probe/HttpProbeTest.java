package dev.vigil.engine.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.MonitorSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP probe's rules at each boundary, against a loopback server the test starts. */
class HttpProbeTest {
    private final Probe probe = Probes.standard(FixedClock.EPOCH);
    private LoopbackHttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = LoopbackHttpServer.http()
                .route("/status/", exchange -> {
                    int status = Integer.parseInt(exchange.getRequestURI().getPath().substring("/status/".length()));
                    LoopbackHttpServer.respond(exchange, status, "status " + status);
                })
                .route("/chain/", exchange -> {
                    // /chain/N/final: N more redirects, then the final path answers.
                    String[] parts = exchange.getRequestURI().getPath().split("/", 4);
                    int left = Integer.parseInt(parts[2]);
                    String finalPath = "/" + parts[3];
                    LoopbackHttpServer.redirect(exchange, 302, left == 0 ? finalPath : "/chain/" + (left - 1) + finalPath);
                })
                .route("/ok", exchange -> LoopbackHttpServer.respond(exchange, 200, "all systems operational"))
                .route("/unavailable", exchange -> LoopbackHttpServer.respond(exchange, 503, "all systems operational"))
                .route("/relative/deeper/page", exchange -> LoopbackHttpServer.redirect(exchange, 301, "../sibling"))
                .route("/relative/sibling", exchange -> LoopbackHttpServer.redirect(exchange, 307, "target"))
                .route("/relative/target", exchange -> LoopbackHttpServer.respond(exchange, 200, "relative ok"))
                .route("/to-ftp", exchange -> LoopbackHttpServer.redirect(exchange, 302, "ftp://127.0.0.1/file"))
                .route("/to-mailto", exchange -> LoopbackHttpServer.redirect(exchange, 302, "mailto:ops@example.com"))
                .route("/no-location", exchange -> LoopbackHttpServer.redirect(exchange, 302, null))
                .route("/slow", exchange -> server.hang(exchange))
                .route("/moved", exchange -> LoopbackHttpServer.redirect(exchange, 301, "https://example.com/new?token=s3cret"))
                .route("/to-ftp-with-token", exchange -> LoopbackHttpServer.redirect(exchange, 302, "ftp://u:pw@127.0.0.1/f?token=s3cret"));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private MonitorSettings http(String path) {
        return MonitorSettings.http(server.url(path)).withTimeoutMs(5_000);
    }

    private ProbeResult check(MonitorSettings settings) throws Exception {
        return probe.probe(settings);
    }

    // ---------------------------------------------------------------- expected status

    @ParameterizedTest(name = "HTTP {0} against 400–404: up={1}")
    @CsvSource({"399, false", "400, true", "404, true", "405, false"})
    void theExpectedStatusRangeIncludesBothEnds(int status, boolean up) throws Exception {
        ProbeResult result = check(http("/status/" + status).withExpectedStatus(400, 404));
        assertThat(result.up()).isEqualTo(up);
        assertThat(result.details()).isEqualTo(up ? "HTTP " + status : "HTTP " + status + " (expected 400–404)");
    }

    @ParameterizedTest(name = "HTTP {0} by default: up={1}")
    @CsvSource({"200, true", "299, true", "300, false", "404, false", "500, false"})
    void theDefaultRangeIs200To299(int status, boolean up) throws Exception {
        assertThat(check(http("/status/" + status)).up()).isEqualTo(up);
    }

    @Test
    void aRangeOfOneStatusAcceptsOnlyThatStatus() throws Exception {
        assertThat(check(http("/status/204").withExpectedStatus(204, 204)).up()).isTrue();
        assertThat(check(http("/status/200").withExpectedStatus(204, 204)).up()).isFalse();
    }

    // ---------------------------------------------------------------- keyword

    @Test
    void aKeywordInTheBodyIsUpAndAMissingOneIsDown() throws Exception {
        assertThat(check(http("/ok").withKeyword("operational")))
                .isEqualTo(ProbeResult.up(0, "HTTP 200, keyword found"));
        assertThat(check(http("/ok").withKeyword("degraded")))
                .isEqualTo(ProbeResult.down(0, "keyword 'degraded' not found in first 1048576 bytes"));
    }

    @Test
    void theKeywordIsCaseSensitive() throws Exception {
        assertThat(check(http("/ok").withKeyword("Operational")).up()).isFalse();
    }

    @Test
    void anEmptyKeywordChecksOnlyTheStatus() throws Exception {
        assertThat(check(http("/ok").withKeyword(""))).isEqualTo(ProbeResult.up(0, "HTTP 200"));
    }

    @Test
    void theKeywordIsNotLookedForWhenTheStatusIsOutOfRange() throws Exception {
        assertThat(check(http("/unavailable").withKeyword("operational")).details()).isEqualTo("HTTP 503 (expected 200–299)");
    }

    @ParameterizedTest(name = "keyword ending {0} bytes past the limit: up={1}")
    @CsvSource({"0, true", "1, false", "7, false", "100, false"})
    void onlyTheFirstMegabyteIsSearched(int endPastLimit, boolean up) throws Exception {
        String keyword = "needle!";
        int limit = HttpProbe.BODY_BYTES_MAX;
        byte[] body = new byte[limit + endPastLimit + 10];
        Arrays.fill(body, (byte) 'x');
        byte[] needle = keyword.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(needle, 0, body, limit + endPastLimit - needle.length, needle.length);
        server.route("/big", exchange -> LoopbackHttpServer.respond(exchange, 200, body));

        assertThat(check(http("/big").withKeyword(keyword)).up()).isEqualTo(up);
    }

    // ---------------------------------------------------------------- redirects

    @ParameterizedTest(name = "redirectsMax {0}")
    @ValueSource(ints = {0, 1, 5, MonitorSettings.REDIRECTS_MAX})
    void exactlyRedirectsMaxRedirectsAreFollowedAndTheFinalAnswerJudged(int redirectsMax) throws Exception {
        // /chain/N/… makes N + 1 redirects.
        String toOk = redirectsMax == 0 ? "/ok" : "/chain/" + (redirectsMax - 1) + "/ok";
        String toUnavailable = redirectsMax == 0 ? "/unavailable" : "/chain/" + (redirectsMax - 1) + "/unavailable";
        assertThat(check(http(toOk).withRedirectsMax(redirectsMax).withKeyword("operational")))
                .isEqualTo(ProbeResult.up(0, "HTTP 200, keyword found"));
        assertThat(check(http(toUnavailable).withRedirectsMax(redirectsMax)).details())
                .isEqualTo("HTTP 503 (expected 200–299)");
    }

    @ParameterizedTest(name = "redirectsMax {0}")
    @ValueSource(ints = {0, 1, 5, MonitorSettings.REDIRECTS_MAX})
    void oneRedirectMoreThanRedirectsMaxIsDown(int redirectsMax) throws Exception {
        ProbeResult result = check(http("/chain/" + redirectsMax + "/ok").withRedirectsMax(redirectsMax));
        assertThat(result).isEqualTo(ProbeResult.down(0, "too many redirects (more than " + redirectsMax + ")"));
    }

    @Test
    void relativeLocationsResolveAgainstTheUrlThatAnswered() throws Exception {
        ProbeResult result = check(http("/relative/deeper/page").withKeyword("relative ok"));
        assertThat(result).isEqualTo(ProbeResult.up(0, "HTTP 200, keyword found"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/to-ftp", "/to-mailto"})
    void aRedirectToANonHttpLocationIsDown(String path) throws Exception {
        ProbeResult result = check(http(path));
        assertThat(result.up()).isFalse();
        assertThat(result.details()).startsWith("redirect to a non-HTTP location: ");
    }

    @Test
    void aRedirectStatusWithoutLocationIsJudgedAsTheAnswer() throws Exception {
        assertThat(check(http("/no-location"))).isEqualTo(ProbeResult.down(0, "HTTP 302 (expected 200–299)"));
        assertThat(check(http("/no-location").withExpectedStatus(300, 399))).isEqualTo(ProbeResult.up(0, "HTTP 302"));
    }

    @Test
    void judgedRedirectsAreTheAnswerNotFollowed() throws Exception {
        MonitorSettings judged = http("/moved").withHttp(http -> http.withRedirectsJudged().withExpectedStatus(301, 301));
        assertThat(check(judged)).isEqualTo(ProbeResult.up(0, "HTTP 301"));
        assertThat(server.lastRequest().path()).isEqualTo("/moved");
        assertThat(check(http("/ok").withHttp(http -> http.withRedirectsJudged().withExpectedStatus(301, 301))))
                .isEqualTo(ProbeResult.down(0, "HTTP 200 (expected 301–301)"));
    }

    // ---------------------------------------------------------------- the request

    @Test
    void theMethodHeadersAndUserAgentAreSent() throws Exception {
        assertThat(check(http("/ok").withHttp(http -> http.withMethod(dev.vigil.engine.HttpOptions.Method.HEAD)
                .withHeader("X-Probe", "vigil").withHeader("Accept", "text/plain"))).up()).isTrue();
        LoopbackHttpServer.Request request = server.lastRequest();
        assertThat(request.method()).isEqualTo("HEAD");
        assertThat(request.headers().getFirst("X-Probe")).isEqualTo("vigil");
        assertThat(request.headers().getFirst("Accept")).isEqualTo("text/plain");
        assertThat(request.headers().getFirst("User-Agent")).isEqualTo("vigil/0.1");

        check(http("/ok").withHttp(http -> http.withMethod(dev.vigil.engine.HttpOptions.Method.POST)));
        assertThat(server.lastRequest().method()).isEqualTo("POST");
        assertThat(server.lastRequest().headers().getFirst("Content-Length")).isEqualTo("0");
    }

    @Test
    void basicAndBearerAuthAreSentOnEveryHop() throws Exception {
        check(http("/chain/0/ok").withHttp(http -> http.withBasicAuth("ops", "pä:ss")));
        assertThat(server.lastRequest().path()).isEqualTo("/ok");
        assertThat(server.lastRequest().headers().getFirst("Authorization"))
                .isEqualTo("Basic " + java.util.Base64.getEncoder().encodeToString("ops:pä:ss".getBytes(StandardCharsets.UTF_8)));

        check(http("/ok").withHttp(http -> http.withBearerToken("abc.def-ghi")));
        assertThat(server.lastRequest().headers().getFirst("Authorization")).isEqualTo("Bearer abc.def-ghi");
    }

    @Test
    void plainHttpSendsNoH2cUpgradeUnlessHttp2IsAsked() throws Exception {
        check(http("/ok"));
        assertThat(server.lastRequest().headers().containsKey("Upgrade")).isFalse();
        assertThat(server.lastRequest().headers().containsKey("Http2-Settings")).isFalse();

        assertThat(check(http("/ok").withHttp(http -> http.withVersion(dev.vigil.engine.HttpOptions.Version.HTTP_2))).up()).isTrue();
        assertThat(server.lastRequest().headers().getFirst("Upgrade")).isEqualTo("h2c");
    }

    // ---------------------------------------------------------------- secrets

    @Test
    void detailsNeverCarryAUrlsTokenOrUserInfo() throws Exception {
        ProbeResult result = check(http("/to-ftp-with-token"));
        assertThat(result).isEqualTo(ProbeResult.down(0, "redirect to a non-HTTP location: ftp://***@127.0.0.1/f?token=***"));
        ProbeResult refused = check(MonitorSettings.http("http://127.0.0.1:" + closedPort() + "/x?api_key=s3cret").withTimeoutMs(2_000));
        assertThat(refused.details()).doesNotContain("s3cret");
    }

    // ---------------------------------------------------------------- timeouts and unreachable targets

    @Test
    void aServerThatAnswersAfterTheTimeoutIsDownTimedOut() throws Exception {
        ProbeResult result = check(http("/slow").withTimeoutMs(MonitorSettings.TIMEOUT_MS_MIN));
        assertThat(result).isEqualTo(ProbeResult.down(0, "timed out after 1000 ms"));
    }

    @Test
    void aConnectionThatIsNeverAcceptedIsDownConnectTimedOut() throws Exception {
        try (UnacceptedPort port = UnacceptedPort.open()) {
            ProbeResult result = check(MonitorSettings.http("http://127.0.0.1:" + port.port() + "/")
                    .withTimeoutMs(MonitorSettings.TIMEOUT_MS_MIN));
            assertThat(result).isEqualTo(ProbeResult.down(0, "connect or TLS handshake timed out after 1000 ms"));
        }
    }

    @Test
    void aClosedPortIsDownConnectionRefused() throws Exception {
        ProbeResult result = check(MonitorSettings.http("http://127.0.0.1:" + closedPort() + "/").withTimeoutMs(2_000));
        assertThat(result.up()).isFalse();
        assertThat(result.details()).startsWith("connection refused");
    }

    @Test
    void anUnknownHostIsDownUnknownHostNotRefused() throws Exception {
        ProbeResult result = check(MonitorSettings.http("http://nothing-here.invalid/").withTimeoutMs(2_000));
        assertThat(result).isEqualTo(ProbeResult.down(0, "unknown host nothing-here.invalid"));
    }

    @Test
    void httpsToAPlainHttpPortIsDownInTheHandshake() throws Exception {
        // The plain server waits for a request line that the TLS client never sends.
        ProbeResult result = check(MonitorSettings.http("https://127.0.0.1:" + server.port() + "/ok").withTimeoutMs(1_000));
        assertThat(result).isEqualTo(ProbeResult.down(0, "connect or TLS handshake timed out after 1000 ms"));
    }

    static int closedUdpPort() throws IOException {
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
