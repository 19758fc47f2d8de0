package dev.vigil.engine.probe;

import dev.vigil.engine.runtime.EngineClock;
import java.util.Objects;

/** The standard probes: one {@link Probe} that dispatches on the monitor's type to HTTP(S), TCP or DNS. */
public final class Probes {
    private Probes() {
    }

    /**
     * HTTP(S), TCP and DNS.
     *
     * @param clock what response times are measured on
     * @return a probe that dispatches on the monitor's type
     */
    public static Probe standard(EngineClock clock) {
        Objects.requireNonNull(clock, "clock");
        HttpProbe http = new HttpProbe(clock);
        TcpProbe tcp = new TcpProbe(clock);
        DnsProbe dns = new DnsProbe(clock);
        return settings -> switch (settings.type()) {
            case HTTP -> http.probe(settings);
            case TCP -> tcp.probe(settings);
            case DNS -> dns.probe(settings);
        };
    }
}
