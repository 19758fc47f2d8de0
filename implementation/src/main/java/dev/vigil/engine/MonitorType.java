package dev.vigil.engine;

/** What kind of target a monitor probes; decides how {@link MonitorSettings#target()} is read. */
public enum MonitorType {
    /** An {@code http://} or {@code https://} URL; up when the status code is in the expected range. */
    HTTP,
    /** A {@code host:port}; up when a TCP connection is established. */
    TCP,
    /** A host name; up when it resolves to at least one address. */
    DNS
}
