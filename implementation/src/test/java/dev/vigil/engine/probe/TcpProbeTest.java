package dev.vigil.engine.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.MonitorSettings;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The TCP probe against loopback ports the test opens, closes or leaves unaccepted. */
class TcpProbeTest {
    private final Probe probe = Probes.standard(FixedClock.EPOCH);

    @Test
    void anOpenPortIsUp() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ProbeResult result = probe.probe(MonitorSettings.tcp("127.0.0.1:" + listening.getLocalPort()).withTimeoutMs(2_000));
            assertThat(result).isEqualTo(ProbeResult.up(0, "connected"));
        }
    }

    @Test
    void anOpenPortOnIpv6LoopbackIsUp() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}))) {
            ProbeResult result = probe.probe(MonitorSettings.tcp("[::1]:" + listening.getLocalPort()).withTimeoutMs(2_000));
            assertThat(result).isEqualTo(ProbeResult.up(0, "connected"));
        }
    }

    @Test
    void aClosedPortIsDownConnectionRefused() throws Exception {
        ProbeResult result = probe.probe(MonitorSettings.tcp("127.0.0.1:" + HttpProbeTest.closedPort()).withTimeoutMs(2_000));
        assertThat(result).isEqualTo(ProbeResult.down(0, "connection refused"));
    }

    @Test
    void aPortThatNeverAcceptsIsDownConnectTimedOut() throws Exception {
        try (UnacceptedPort port = UnacceptedPort.open()) {
            ProbeResult result = probe.probe(MonitorSettings.tcp("127.0.0.1:" + port.port()).withTimeoutMs(MonitorSettings.TIMEOUT_MS_MIN));
            assertThat(result).isEqualTo(ProbeResult.down(0, "connect timed out after 1000 ms"));
        }
    }

    @Test
    void anUnknownHostIsDown() throws Exception {
        ProbeResult result = probe.probe(MonitorSettings.tcp("nothing-here.invalid:443").withTimeoutMs(2_000));
        assertThat(result).isEqualTo(ProbeResult.down(0, "unknown host nothing-here.invalid"));
    }
}
