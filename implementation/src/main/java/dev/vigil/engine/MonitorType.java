package dev.vigil.engine;

/**
 * What kind of target a monitor probes; decides how {@link MonitorSettings#target()} is read.
 * A monitor's type is that of its {@link ProbeOptions}.
 */
public enum MonitorType {
    /** An {@code http://} or {@code https://} URL; up as {@link HttpOptions} says (status range, keyword, certificate). */
    HTTP,
    /** A {@code host:port}; up when a TCP connection is established. */
    TCP,
    /** A DNS name; up when a query of {@link DnsOptions#recordType()} answers as {@link DnsOptions} says. */
    DNS
}
