package dev.vigil.engine;

/**
 * What a monitor of one type can be told beyond its target and timing: {@link HttpOptions},
 * {@link TcpOptions} or {@link DnsOptions}. The options decide the monitor's {@link MonitorType},
 * so an option that means nothing for a type (a keyword on a TCP monitor) cannot be stored: it
 * has no place in that type's options, and {@link MonitorSettings}' {@code with…} methods reject
 * it with an {@link InvalidSettingsException}.
 */
public sealed interface ProbeOptions permits HttpOptions, TcpOptions, DnsOptions {
    /**
     * The monitor type these options belong to.
     *
     * @return {@code HTTP}, {@code TCP} or {@code DNS}, fixed by the options' class
     */
    MonitorType type();
}
