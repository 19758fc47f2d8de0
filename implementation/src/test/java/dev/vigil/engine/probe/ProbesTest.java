package dev.vigil.engine.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.MonitorSettings;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/**
 * {@link Probes#standard} sends each monitor type to its probe. The rules of each probe are
 * tested beside this: {@link HttpProbeTest}, {@link TcpProbeTest}, {@link DnsProbeTest}.
 */
class ProbesTest {
    private final Probe probe = Probes.standard(FixedClock.EPOCH);

    @Test
    void eachTypeReachesItsProbe() throws Exception {
        try (LoopbackHttpServer server = LoopbackHttpServer.http().route("/", exchange -> LoopbackHttpServer.respond(exchange, 200, "ok"));
             ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             LoopbackDnsServer dns = LoopbackDnsServer.start().a("localhost", "127.0.0.1")) {
            assertThat(probe.probe(MonitorSettings.http(server.url("/")).withTimeoutMs(2_000)).details()).isEqualTo("HTTP 200");
            assertThat(probe.probe(MonitorSettings.tcp("127.0.0.1:" + listening.getLocalPort()).withTimeoutMs(2_000)).details())
                    .isEqualTo("connected");
            assertThat(probe.probe(MonitorSettings.dns("localhost").withTimeoutMs(2_000).withDns(options -> options.withServer(dns.address())))
                    .details()).isEqualTo("A 127.0.0.1");
        }
    }
}
