package dev.vigil.engine;

/** A DNS monitor's options: none yet; a DNS monitor is up when its name resolves. */
public record DnsOptions() implements ProbeOptions {
    public static final DnsOptions DEFAULTS = new DnsOptions();

    @Override
    public MonitorType type() {
        return MonitorType.DNS;
    }
}
