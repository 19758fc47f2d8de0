package dev.vigil.engine.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.HttpOptions.Tls;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.testing.TestCertificates;
import dev.vigil.engine.testing.TestCertificates.Issued;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS against self-signed loopback servers: a monitor's own trust (PEM, trust store,
 * insecure) applies to that monitor only, and the certificate-expiry check counts days on the
 * engine's clock.
 */
class HttpsProbeTest {
    private static final long DAY_MS = TimeUnit.DAYS.toMillis(1);

    @TempDir
    static Path directory;

    private static Issued loopback;
    private static Issued otherName;
    private static Issued stranger;
    private static LoopbackHttpServer server;
    private static LoopbackHttpServer misnamedServer;

    @BeforeAll
    static void startServers() throws Exception {
        loopback = TestCertificates.selfSigned(directory, "loopback", "ip:127.0.0.1,dns:localhost", 3);
        otherName = TestCertificates.selfSigned(directory, "other", "dns:other.example", 365);
        stranger = TestCertificates.selfSigned(directory, "stranger", "ip:127.0.0.1", 365);
        server = LoopbackHttpServer.https(loopback.serverContext())
                .route("/ok", exchange -> LoopbackHttpServer.respond(exchange, 200, "secure and operational"));
        misnamedServer = LoopbackHttpServer.https(otherName.serverContext())
                .route("/ok", exchange -> LoopbackHttpServer.respond(exchange, 200, "ok"));
    }

    @AfterAll
    static void stopServers() {
        server.close();
        misnamedServer.close();
    }

    private static Probe probeAt(long wallTimeMs) {
        return Probes.standard(new FixedClock(wallTimeMs));
    }

    private static MonitorSettings https(LoopbackHttpServer target, java.util.function.UnaryOperator<dev.vigil.engine.HttpOptions> options) {
        return MonitorSettings.http(target.url("/ok")).withTimeoutMs(5_000).withHttp(options);
    }

    @Test
    void aSelfSignedServerIsDownUnderTheJvmTrust() throws Exception {
        ProbeResult result = probeAt(0).probe(https(server, http -> http));
        assertThat(result.up()).isFalse();
        assertThat(result.details()).startsWith("TLS failed: ");
    }

    @Test
    void itsPemTrustedForOneMonitorIsUpForThatMonitorOnly() throws Exception {
        Probe probe = probeAt(0);
        assertThat(probe.probe(https(server, http -> http.withTrustedCertificates(loopback.pem()).withKeyword("operational"))))
                .isEqualTo(ProbeResult.up(0, "HTTP 200, keyword found"));
        // The same probe, the same server: a monitor without that trust still fails.
        assertThat(probe.probe(https(server, http -> http)).details()).startsWith("TLS failed: ");
        assertThat(probe.probe(https(server, http -> http.withTrustedCertificates(stranger.pem()))).details()).startsWith("TLS failed: ");
    }

    @Test
    void aTrustStoreFileTrustsLikeThePem() throws Exception {
        Tls store = new Tls.TrustStore(loopback.trustStore().toString(), TestCertificates.PASSWORD, Tls.StoreType.PKCS12);
        assertThat(probeAt(0).probe(https(server, http -> http.withTls(store))).details()).isEqualTo("HTTP 200");
    }

    @Test
    void anUnreadableTrustStoreIsDownSayingWhy() throws Exception {
        Tls missing = new Tls.TrustStore(directory.resolve("missing.p12").toString(), "x", Tls.StoreType.PKCS12);
        ProbeResult result = probeAt(0).probe(https(server, http -> http.withTls(missing)));
        assertThat(result.up()).isFalse();
        assertThat(result.details()).startsWith("TLS setup failed: trust store ").contains("missing.p12").contains("unreadable");
        Tls wrongPassword = new Tls.TrustStore(loopback.trustStore().toString(), "wrong", Tls.StoreType.PKCS12);
        assertThat(probeAt(0).probe(https(server, http -> http.withTls(wrongPassword))).details()).contains("unreadable");
    }

    @Test
    void theHostNameIsVerifiedUnlessInsecure() throws Exception {
        ProbeResult trusted = probeAt(0).probe(https(misnamedServer, http -> http.withTrustedCertificates(otherName.pem())));
        assertThat(trusted.up()).isFalse();
        assertThat(trusted.details()).startsWith("TLS failed: ");

        assertThat(probeAt(0).probe(https(misnamedServer, http -> http.withInsecureTls())).details()).isEqualTo("HTTP 200");
        assertThat(probeAt(0).probe(https(server, http -> http.withInsecureTls())).details()).isEqualTo("HTTP 200");
    }

    @Test
    void aCertificateUnderTheExpiryThresholdIsDownWithTheDaysLeft() throws Exception {
        long notAfterMs = loopback.notAfterMs();
        MonitorSettings checked = https(server, http -> http.withTrustedCertificates(loopback.pem()).withCertificateExpiryDaysMin(14));

        assertThat(probeAt(notAfterMs - 5 * DAY_MS - DAY_MS / 2).probe(checked))
                .isEqualTo(ProbeResult.down(0, "certificate expires in 5 days (under 14)"));
        assertThat(probeAt(notAfterMs - 14 * DAY_MS).probe(checked))
                .isEqualTo(ProbeResult.up(0, "HTTP 200, certificate expires in 14 days"));
        assertThat(probeAt(notAfterMs - 14 * DAY_MS + 1).probe(checked))
                .isEqualTo(ProbeResult.down(0, "certificate expires in 13 days (under 14)"));
    }

    @Test
    void theExpiryCheckWorksOnAnInsecureMonitorToo() throws Exception {
        long notAfterMs = loopback.notAfterMs();
        MonitorSettings insecure = https(server, http -> http.withInsecureTls().withCertificateExpiryDaysMin(7));
        assertThat(probeAt(notAfterMs - 2 * DAY_MS).probe(insecure))
                .isEqualTo(ProbeResult.down(0, "certificate expires in 2 days (under 7)"));
    }

    @Test
    void theExpiryCheckOnPlainHttpIsDown() throws Exception {
        try (LoopbackHttpServer plain = LoopbackHttpServer.http().route("/ok", exchange -> LoopbackHttpServer.respond(exchange, 200, "ok"))) {
            ProbeResult result = probeAt(0).probe(MonitorSettings.http(plain.url("/ok")).withTimeoutMs(5_000)
                    .withHttp(http -> http.withCertificateExpiryDaysMin(14)));
            assertThat(result).isEqualTo(ProbeResult.down(0, "HTTP 200 but no server certificate to check (not https)"));
        }
    }
}
