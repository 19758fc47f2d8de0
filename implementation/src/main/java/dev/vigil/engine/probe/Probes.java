package dev.vigil.engine.probe;

import dev.vigil.engine.EngineClock;
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
        return standard(clock, false);
    }

    /**
     * {@link #standard}, warmed before it returns: a fresh JVM's first HTTP(S) check then costs
     * about what later ones do, instead of paying for loading the client and TLS code, which can
     * exceed the shortest timeout and judge a healthy target DOWN. Takes a few hundred
     * milliseconds, once; the production runtime uses it.
     *
     * @param clock what response times are measured on
     * @return a probe that dispatches on the monitor's type, already warmed
     */
    public static Probe warmed(EngineClock clock) {
        return standard(clock, true);
    }

    private static Probe standard(EngineClock clock, boolean warm) {
        Objects.requireNonNull(clock, "clock");
        HttpProbe http = new HttpProbe(clock);
        if (warm) {
            http.warmUp();
        }
        TcpProbe tcp = new TcpProbe(clock);
        DnsProbe dns = new DnsProbe(clock);
        return settings -> switch (settings.type()) {
            case HTTP -> http.probe(settings);
            case TCP -> tcp.probe(settings);
            case DNS -> dns.probe(settings);
        };
    }
}
