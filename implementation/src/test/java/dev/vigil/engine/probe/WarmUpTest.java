package dev.vigil.engine.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.vigil.engine.MonitorSettings;
import java.net.http.HttpClient;
import org.junit.jupiter.api.Test;

/**
 * The warm-up's steps work (they fail silently in production, so a broken one would only show
 * as slow first checks). How much they save is measured, not asserted: BENCHMARKS.md.
 */
class WarmUpTest {
    @Test
    void theThrowAwayCertificateIsAValidSelfSignedCertificate() throws Exception {
        WarmUpCertificate issued = WarmUpCertificate.create();
        issued.certificate().verify(issued.keys().getPublic());
        assertThat(issued.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=vigil-warm-up");
        assertThat(issued.certificate().getIssuerX500Principal()).isEqualTo(issued.certificate().getSubjectX500Principal());
    }

    @Test
    void theInMemoryHandshakeFinishes() {
        assertThatCode(WarmUp::handshake).doesNotThrowAnyException();
    }

    @Test
    void theLoopbackExchangeCompletes() {
        try (HttpClient client = HttpClient.newHttpClient()) {
            assertThatCode(() -> WarmUp.exchange(client)).doesNotThrowAnyException();
        }
    }

    @Test
    void aWarmedProbeChecksLikeAStandardOne() throws Exception {
        try (LoopbackHttpServer server = LoopbackHttpServer.http().route("/", exchange -> LoopbackHttpServer.respond(exchange, 200, "ok"))) {
            Probe warmed = Probes.warmed(FixedClock.EPOCH);
            assertThat(warmed.probe(MonitorSettings.http(server.url("/")).withTimeoutMs(2_000))).isEqualTo(ProbeResult.up(0, "HTTP 200"));
        }
    }
}
