package dev.vigil.engine.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.vigil.engine.MonitorSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A target that is down is a DOWN result, never an exception (the {@link Probe} contract): an
 * exception would be recorded as "probe threw …" and hide the reason.
 */
class ProbesNeverThrowTest {
    private final Probe probe = Probes.standard(FixedClock.EPOCH);

    @Test
    void everyProbeReturnsDownForEveryKindOfDeadTarget() throws Exception {
        int closed = HttpProbeTest.closedPort();
        int closedUdp = HttpProbeTest.closedUdpPort();
        List<MonitorSettings> dead = new ArrayList<>(List.of(
                MonitorSettings.http("http://127.0.0.1:" + closed + "/"),
                MonitorSettings.http("https://127.0.0.1:" + closed + "/"),
                MonitorSettings.http("http://nothing-here.invalid/"),
                MonitorSettings.http("https://nothing-here.invalid:8443/health?x=1"),
                MonitorSettings.tcp("127.0.0.1:" + closed),
                MonitorSettings.tcp("[::1]:" + closed),
                MonitorSettings.tcp("nothing-here.invalid:80"),
                // Never the machine's resolver: a closed loopback port stands for a dead server.
                MonitorSettings.dns("nothing-here.invalid").withDns(dns -> dns.withServer("127.0.0.1:" + closedUdp))));
        try (UnacceptedPort unaccepted = UnacceptedPort.open()) {
            dead.add(MonitorSettings.http("http://127.0.0.1:" + unaccepted.port() + "/"));
            dead.add(MonitorSettings.tcp("127.0.0.1:" + unaccepted.port()));
            for (MonitorSettings settings : dead) {
                MonitorSettings quick = settings.withTimeoutMs(MonitorSettings.TIMEOUT_MS_MIN);
                assertThatCode(() -> assertThat(probe.probe(quick).up()).as(quick.target()).isFalse())
                        .as(quick.target()).doesNotThrowAnyException();
            }
        }
    }
}
