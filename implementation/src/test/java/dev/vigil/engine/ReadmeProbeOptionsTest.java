package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe configurations of README.md, compiled, accepted and stored as written there. */
class ReadmeProbeOptionsTest {
    @TempDir
    Path folder;

    @Test
    void theReadmeProbeConfigurationsAreAcceptedAndStored() throws java.io.IOException {
        String apiToken = "token-from-the-application";
        String internalCaPem;
        try (java.io.InputStream in = ReadmeProbeOptionsTest.class.getResourceAsStream("/fixture-certificate.pem")) {
            internalCaPem = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        }
        try (VigilEngine engine = VigilEngine.builder().storeFile(folder.resolve("vigil.db")).build()) {
            // As in README.md; nothing is started, so nothing is probed.
            engine.add("internal-api", MonitorSettings.http("https://api.internal/v1/health")
                    .withIntervalMs(30_000).withTimeoutMs(5_000).withRetryAttempts(1)
                    .withHttp(http -> http
                            .withMethod(HttpOptions.Method.HEAD)
                            .withHeader("X-Probe", "vigil")
                            .withBearerToken(apiToken)
                            .withExpectedStatus(200, 204)
                            .withTrustedCertificates(internalCaPem)
                            .withCertificateExpiryDaysMin(14)));
            engine.add("www-redirect", MonitorSettings.http("http://example.com/")
                    .withHttp(http -> http.withRedirectsJudged().withExpectedStatus(301, 301)));
            engine.add("db", MonitorSettings.tcp("db.internal:5432").withTimeoutMs(3_000));
            engine.add("mail", MonitorSettings.dns("example.com")
                    .withDns(dns -> dns.withRecordType(DnsOptions.RecordType.MX).withServer("192.0.2.53")
                            .withExpectedAnswer("mail.example.com")));

            assertThat(engine.monitors()).extracting(MonitorSnapshot::id).containsExactly("db", "internal-api", "mail", "www-redirect");
            assertThat(engine.monitor("internal-api").orElseThrow().settings().httpOptions().auth())
                    .isEqualTo(new HttpOptions.Auth.Bearer(apiToken));
        }
    }
}
