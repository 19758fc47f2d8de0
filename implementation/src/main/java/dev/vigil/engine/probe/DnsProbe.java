package dev.vigil.engine.probe;

import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.runtime.EngineClock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * DNS: up when the name resolves to at least one address. The JDK's resolver takes no timeout;
 * the engine enforces the attempt's timeout by abandoning the attempt, which interrupts this
 * probe's virtual thread.
 */
final class DnsProbe implements Probe {
    private static final int ADDRESSES_SHOWN_MAX = 3;

    private final EngineClock clock;

    DnsProbe(EngineClock clock) {
        this.clock = clock;
    }

    @Override
    public ProbeResult probe(MonitorSettings settings) {
        long startedMs = clock.monotonicMs();
        try {
            InetAddress[] addresses = InetAddress.getAllByName(settings.target());
            String shown = Arrays.stream(addresses).limit(ADDRESSES_SHOWN_MAX).map(InetAddress::getHostAddress)
                    .collect(Collectors.joining(", "));
            return ProbeResult.up(Math.max(0, clock.monotonicMs() - startedMs), "resolved to " + shown);
        } catch (UnknownHostException e) {
            return ProbeResult.down(Math.max(0, clock.monotonicMs() - startedMs), "does not resolve: " + settings.target());
        }
    }
}
