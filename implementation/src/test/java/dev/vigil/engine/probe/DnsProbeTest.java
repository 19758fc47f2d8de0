package dev.vigil.engine.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.MonitorSettings;
import org.junit.jupiter.api.Test;

/** The DNS probe. Names resolve from the test hosts file only (see the module's pom). */
class DnsProbeTest {
    private final Probe probe = Probes.standard(FixedClock.EPOCH);

    @Test
    void localhostResolves() throws Exception {
        ProbeResult result = probe.probe(MonitorSettings.dns("localhost").withTimeoutMs(2_000));
        assertThat(result.up()).isTrue();
        assertThat(result.details()).startsWith("resolved to ").contains("127.0.0.1");
    }

    @Test
    void anInvalidNameDoesNotResolve() throws Exception {
        ProbeResult result = probe.probe(MonitorSettings.dns("nothing-here.invalid").withTimeoutMs(2_000));
        assertThat(result).isEqualTo(ProbeResult.down(0, "does not resolve: nothing-here.invalid"));
    }
}
