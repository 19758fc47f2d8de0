package dev.vigil.engine.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.DnsOptions.RecordType;
import dev.vigil.engine.MonitorSettings;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The DNS probe against a loopback DNS server the test starts: never the machine's resolver. */
class DnsProbeTest {
    private final Probe probe = Probes.standard(FixedClock.EPOCH);
    private LoopbackDnsServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = LoopbackDnsServer.start()
                .a("localhost", "127.0.0.1")
                .a("www.example.test", "192.0.2.10").a("www.example.test", "192.0.2.11")
                .aaaa("www.example.test", "2001:db8::10")
                .cname("alias.example.test", "www.example.test")
                .mx("example.test", 10, "mail.example.test").mx("example.test", 20, "backup.example.test")
                .txt("_dmarc.example.test", "v=DMARC1; p=reject")
                .ns("example.test", "ns1.example.test")
                .failing("broken.example.test")
                .silent("hung.example.test");
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        server.close();
    }

    private MonitorSettings dns(String name, RecordType type, String expected) {
        return MonitorSettings.dns(name).withTimeoutMs(2_000)
                .withDns(dns -> dns.withServer(server.address()).withRecordType(type).withExpectedAnswer(expected));
    }

    @Test
    void localhostResolves() throws Exception {
        assertThat(probe.probe(dns("localhost", RecordType.A, ""))).isEqualTo(ProbeResult.up(0, "A 127.0.0.1"));
    }

    @Test
    void anInvalidNameDoesNotResolve() throws Exception {
        assertThat(probe.probe(dns("nothing-here.invalid", RecordType.A, "")))
                .isEqualTo(ProbeResult.down(0, "nothing-here.invalid does not exist (NXDOMAIN) (asked " + server.address() + ")"));
    }

    @ParameterizedTest(name = "{0} {1} expecting ''{2}'' up={3}")
    @CsvSource(delimiter = '|', value = {
        "www.example.test | A | '' | true",
        "www.example.test | A | 192.0.2.11 | true",
        "www.example.test | A | 192.0.2.99 | false",
        "www.example.test | AAAA | 2001:db8:0:0:0:0:0:10 | true",
        "www.example.test | AAAA | 2001:db8::11 | false",
        "alias.example.test | CNAME | WWW.Example.Test. | true",
        "alias.example.test | CNAME | other.example.test | false",
        "example.test | MX | mail.example.test | true",
        "example.test | MX | 20 backup.example.test | true",
        "example.test | MX | 10 backup.example.test | false",
        "_dmarc.example.test | TXT | v=DMARC1; p=reject | true",
        "_dmarc.example.test | TXT | v=DMARC1; p=none | false",
        "example.test | NS | ns1.example.test | true",
    })
    void eachRecordTypeIsAskedForAndMatched(String name, RecordType type, String expected, boolean up) throws Exception {
        ProbeResult result = probe.probe(dns(name, type, expected));
        assertThat(result.up()).as(result.details()).isEqualTo(up);
    }

    @Test
    void detailsShowTheRecordsFound() throws Exception {
        assertThat(probe.probe(dns("www.example.test", RecordType.A, "")).details()).isEqualTo("A 192.0.2.10, 192.0.2.11");
        assertThat(probe.probe(dns("www.example.test", RecordType.A, "192.0.2.99")).details())
                .isEqualTo("A 192.0.2.10, 192.0.2.11 (expected 192.0.2.99)");
        assertThat(probe.probe(dns("example.test", RecordType.MX, "mail.example.test")).details()).isEqualTo("MX mail.example.test found");
    }

    @Test
    void aNameWithoutRecordsOfTheTypeIsDown() throws Exception {
        assertThat(probe.probe(dns("alias.example.test", RecordType.TXT, "")))
                .isEqualTo(ProbeResult.down(0, "no TXT record for alias.example.test (asked " + server.address() + ")"));
    }

    @Test
    void aServerFailureIsDown() throws Exception {
        assertThat(probe.probe(dns("broken.example.test", RecordType.A, "")).details()).startsWith("server failure (SERVFAIL)");
    }

    @Test
    void aServerThatDoesNotAnswerIsDownWithinTheTimeout() throws Exception {
        ProbeResult result = probe.probe(dns("hung.example.test", RecordType.A, "").withTimeoutMs(1_000));
        assertThat(result).isEqualTo(ProbeResult.down(0, "no answer within 1000 ms (asked " + server.address() + ")"));
    }

    @Test
    void aClosedServerPortIsDown() throws Exception {
        int closed = HttpProbeTest.closedUdpPort();
        ProbeResult result = probe.probe(MonitorSettings.dns("www.example.test").withTimeoutMs(1_000)
                .withDns(dns -> dns.withServer("127.0.0.1:" + closed)));
        assertThat(result.up()).isFalse();
    }

    @Test
    void everyAttemptAsksTheServerNothingIsCached() throws Exception {
        MonitorSettings settings = dns("www.example.test", RecordType.A, "192.0.2.10");
        assertThat(probe.probe(settings).up()).isTrue();
        int before = server.queries();

        server.clear("www.example.test").a("www.example.test", "192.0.2.20");

        assertThat(probe.probe(settings).details()).isEqualTo("A 192.0.2.20 (expected 192.0.2.10)");
        assertThat(server.queries()).isEqualTo(before + 1);
        server.clear("www.example.test");
        assertThat(probe.probe(settings).details()).startsWith("www.example.test does not exist (NXDOMAIN)");
    }
}
