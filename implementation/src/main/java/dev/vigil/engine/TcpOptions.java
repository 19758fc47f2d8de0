package dev.vigil.engine;

/** A TCP monitor's options: none yet; a TCP monitor is up when a connection is established. */
public record TcpOptions() implements ProbeOptions {
    /** What {@link MonitorSettings#tcp(String)} starts from, and for now the only value. */
    public static final TcpOptions DEFAULTS = new TcpOptions();

    @Override
    public MonitorType type() {
        return MonitorType.TCP;
    }
}
