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
    public static final int EXPECTED_ANSWER_LENGTH_MAX = 1_000;
    public static final int DNS_PORT_DEFAULT = 53;
    public static final DnsOptions DEFAULTS = new DnsOptions(RecordType.A, "", "");

    /** The record types a DNS monitor can ask for. */
    public enum RecordType { A, AAAA, CNAME, MX, TXT, NS }

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

    public DnsOptions withRecordType(RecordType value) {
        return new DnsOptions(value, server, expectedAnswer);
    }

    /** Asks {@code value} ({@code host} or {@code host:port}) instead of the system's name servers. */
    public DnsOptions withServer(String value) {
        return new DnsOptions(recordType, value, expectedAnswer);
    }

    public DnsOptions withExpectedAnswer(String value) {
        return new DnsOptions(recordType, server, value);
    }

    /** The server's host, without brackets; only when {@link #server} is set. */
    public String serverHost() {
        String host = serverHasPort() ? server.substring(0, server.lastIndexOf(':')) : server;
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /** The server's port, {@value #DNS_PORT_DEFAULT} unless given; only when {@link #server} is set. */
    public int serverPort() {
        return serverHasPort() ? Integer.parseInt(server.substring(server.lastIndexOf(':') + 1)) : DNS_PORT_DEFAULT;
    }

    private boolean serverHasPort() {
        int colon = server.lastIndexOf(':');
        return colon > 0 && (!server.startsWith("[") || colon > server.indexOf(']'));
    }
}
