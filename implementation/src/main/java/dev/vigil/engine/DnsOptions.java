package dev.vigil.engine;

import java.util.Objects;

/**
 * A DNS monitor's options, validated when constructed. The check sends a query of
 * {@link #recordType} for the monitor's name to {@link #server} (the system's configured name
 * servers when empty) on every attempt, with no cache in between, and is up when the answer
 * has at least one record of that type and, if {@link #expectedAnswer} is set, one of them
 * matches it. {@link #DEFAULTS}: an {@code A} query to the system's name servers, any answer.
 *
 * @param recordType     the record type asked for
 * @param server         the name server to ask, {@code host} or {@code host:port} (port 53 by
 *                       default; IPv6 as {@code [::1]:53}), by the one host rule; empty for
 *                       the system's configured servers
 * @param expectedAnswer a value one record must match, empty for any: an address for A/AAAA
 *                       (compared as addresses, so {@code ::1} matches {@code 0:0:0:0:0:0:0:1}),
 *                       a name for CNAME/NS (case and a final dot ignored), the exchange or
 *                       {@code preference exchange} for MX, the exact text for TXT; at most
 *                       {@value #EXPECTED_ANSWER_LENGTH_MAX} characters
 */
public record DnsOptions(RecordType recordType, String server, String expectedAnswer) implements ProbeOptions {
    /** The longest expected answer, in characters. */
    public static final int EXPECTED_ANSWER_LENGTH_MAX = 1_000;
    /** The port a server given without one is asked on. */
    public static final int DNS_PORT_DEFAULT = 53;
    /** What {@link MonitorSettings#dns(String)} starts from: an {@code A} query to the system's name servers, any answer. */
    public static final DnsOptions DEFAULTS = new DnsOptions(RecordType.A, "", "");

    /** The record types a DNS monitor can ask for. */
    public enum RecordType {
        /** IPv4 addresses, the default; an expected answer is an IPv4 address. */
        A,
        /** IPv6 addresses; an expected answer is an IPv6 address. */
        AAAA,
        /** The canonical name the monitored name is an alias of. */
        CNAME,
        /** Mail exchangers, each a preference and a host name. */
        MX,
        /** Text records. */
        TXT,
        /** The name servers of the monitored name's zone. */
        NS
    }

    /**
     * Validates the options; {@code server} and {@code expectedAnswer} are stripped of
     * surrounding white space, and {@code null} becomes empty.
     *
     * @throws InvalidSettingsException if the server is not {@code host} or {@code host:port}
     *                                  (an IPv6 address in brackets), or the expected answer is
     *                                  too long or, for A and AAAA, not an address of that family
     * @throws NullPointerException     if {@code recordType} is {@code null}
     */
    public DnsOptions {
        Objects.requireNonNull(recordType, "recordType");
        server = server == null ? "" : server.strip();
        if (!server.isEmpty()) {
            Targets.requireServer(server);
        }
        expectedAnswer = expectedAnswer == null ? "" : expectedAnswer.strip();
        Validation.requireRange("dns expectedAnswer length", expectedAnswer.length(), 0, EXPECTED_ANSWER_LENGTH_MAX);
        if (!expectedAnswer.isEmpty() && (recordType == RecordType.A || recordType == RecordType.AAAA)) {
            Targets.requireAddress("dns expectedAnswer", expectedAnswer, recordType == RecordType.AAAA);
        }
    }

    @Override
    public MonitorType type() {
        return MonitorType.DNS;
    }

    /**
     * These options asking for another record type. An expected answer is kept, so it must suit
     * the new type (an address for A and AAAA).
     *
     * @param value the record type
     * @return the new options
     */
    public DnsOptions withRecordType(RecordType value) {
        return new DnsOptions(value, server, expectedAnswer);
    }

    /**
     * Asks {@code value} ({@code host} or {@code host:port}) instead of the system's name servers.
     *
     * @param value the server, an IPv6 address in brackets ({@code [::1]:53}); empty or
     *              {@code null} for the system's name servers again
     * @return the new options
     */
    public DnsOptions withServer(String value) {
        return new DnsOptions(recordType, value, expectedAnswer);
    }

    /**
     * These options requiring one record of the answer to match {@code value}, compared as
     * {@link #expectedAnswer} describes for the record type.
     *
     * @param value the expected value, at most {@value #EXPECTED_ANSWER_LENGTH_MAX} characters;
     *              empty or {@code null} for any answer
     * @return the new options
     */
    public DnsOptions withExpectedAnswer(String value) {
        return new DnsOptions(recordType, server, value);
    }

    /**
     * The server's host, without brackets; only when {@link #server} is set.
     *
     * @return a host name or an IP address literal; empty when no server is set
     */
    public String serverHost() {
        String host = serverHasPort() ? server.substring(0, server.lastIndexOf(':')) : server;
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /**
     * The server's port, {@value #DNS_PORT_DEFAULT} unless given; only when {@link #server} is set.
     *
     * @return 1 … 65535
     */
    public int serverPort() {
        return serverHasPort() ? Integer.parseInt(server.substring(server.lastIndexOf(':') + 1)) : DNS_PORT_DEFAULT;
    }

    private boolean serverHasPort() {
        int colon = server.lastIndexOf(':');
        return colon > 0 && (!server.startsWith("[") || colon > server.indexOf(']'));
    }
}
