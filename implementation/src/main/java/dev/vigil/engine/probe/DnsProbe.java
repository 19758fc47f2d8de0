package dev.vigil.engine.probe;

import dev.vigil.engine.DnsOptions.RecordType;
import dev.vigil.engine.DnsOptions;
import dev.vigil.engine.EngineClock;
import dev.vigil.engine.MonitorSettings;
import java.net.InetAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.naming.CommunicationException;
import javax.naming.ConfigurationException;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.ServiceUnavailableException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * DNS: one query of the monitor's record type, sent on every attempt to the monitor's server
 * (or the system's configured name servers), through the JDK's own DNS provider
 * ({@code jdk.naming.dns}, JNDI). Unlike {@code InetAddress}, it has no cache, reads no hosts
 * file and can ask a given server for any record type. Up when the answer holds at least one
 * record of that type and, if an expected answer is set, one that matches it.
 *
 * <p>The provider's own timer bounds the query: one try of {@code timeoutMs}; the engine's
 * attempt timer stays the authority and abandons a probe that outlasts it.
 */
final class DnsProbe implements Probe {
    private static final String FACTORY = "com.sun.jndi.dns.DnsContextFactory";
    private static final int RECORDS_SHOWN_MAX = 3;
    private static final int CAUSES_MAX = 8;

    private final EngineClock clock;

    DnsProbe(EngineClock clock) {
        this.clock = clock;
    }

    // The DNS provider's attributes are strings parsed from the wire, never deserialized objects,
    // and the provider URL is built from validated settings: JNDI's serialization risk does not apply.
    @SuppressWarnings("BanJNDI")
    @Override
    public ProbeResult probe(MonitorSettings settings) {
        long startedMs = clock.monotonicMs();
        DnsOptions dns = settings.dnsOptions();
        String name = settings.target().endsWith(".") ? settings.target().substring(0, settings.target().length() - 1) : settings.target();
        String type = dns.recordType().name();
        List<String> records;
        DirContext context = null;
        try {
            context = new InitialDirContext(environment(dns, settings.timeoutMs()));
            Attributes attributes = context.getAttributes(name, new String[] {type});
            records = values(attributes.get(type));
        } catch (NameNotFoundException e) {
            return ProbeResult.down(elapsed(startedMs), name + " does not exist (NXDOMAIN)" + askedOf(dns));
        } catch (ServiceUnavailableException e) {
            return ProbeResult.down(elapsed(startedMs), "server failure (SERVFAIL) for " + name + askedOf(dns));
        } catch (CommunicationException e) {
            return ProbeResult.down(elapsed(startedMs), communicationFailure(e, settings.timeoutMs()) + askedOf(dns));
        } catch (ConfigurationException e) {
            return ProbeResult.down(elapsed(startedMs), "no DNS server to ask: " + e.getMessage());
        } catch (NamingException e) {
            return ProbeResult.down(elapsed(startedMs), "DNS query failed: " + e.getClass().getSimpleName()
                    + (e.getExplanation() == null ? "" : ": " + e.getExplanation()) + askedOf(dns));
        } finally {
            closeQuietly(context);
        }
        if (records.isEmpty()) {
            return ProbeResult.down(elapsed(startedMs), "no " + type + " record for " + name + askedOf(dns));
        }
        String shown = records.stream().limit(RECORDS_SHOWN_MAX).collect(Collectors.joining(", "))
                + (records.size() > RECORDS_SHOWN_MAX ? ", …" : "");
        if (dns.expectedAnswer().isEmpty()) {
            return ProbeResult.up(elapsed(startedMs), type + " " + shown);
        }
        boolean matched = records.stream().anyMatch(record -> matches(dns.recordType(), record, dns.expectedAnswer()));
        return matched
                ? ProbeResult.up(elapsed(startedMs), type + " " + dns.expectedAnswer() + " found")
                : ProbeResult.down(elapsed(startedMs), type + " " + shown + " (expected " + dns.expectedAnswer() + ")");
    }

    // InitialDirContext takes a Hashtable and nothing else.
    @SuppressWarnings("JdkObsolete")
    private static Hashtable<String, Object> environment(DnsOptions dns, long timeoutMs) {
        Hashtable<String, Object> environment = new Hashtable<>();
        environment.put(Context.INITIAL_CONTEXT_FACTORY, FACTORY);
        // "dns:" alone: the servers of the system's resolver configuration (/etc/resolv.conf).
        String host = dns.server().isEmpty() ? "" : dns.serverHost().contains(":") ? "[" + dns.serverHost() + "]" : dns.serverHost();
        environment.put(Context.PROVIDER_URL, dns.server().isEmpty() ? "dns:" : "dns://" + host + ":" + dns.serverPort());
        // One try of the whole timeout: retrying inside the attempt would hide a slow server.
        environment.put("com.sun.jndi.dns.timeout.initial", String.valueOf(timeoutMs));
        environment.put("com.sun.jndi.dns.timeout.retries", "1");
        return environment;
    }

    private static List<String> values(Attribute attribute) throws NamingException {
        List<String> values = new ArrayList<>();
        if (attribute == null) {
            return values;
        }
        NamingEnumeration<?> all = attribute.getAll();
        while (all.hasMore()) {
            values.add(String.valueOf(all.next()));
        }
        return values;
    }

    /** Whether {@code record}, as the provider shows it, is the {@code expected} answer. */
    static boolean matches(RecordType type, String record, String expected) {
        return switch (type) {
            case A, AAAA -> sameAddress(record, expected);
            case CNAME, NS -> sameName(record, expected);
            case MX -> sameName(record, expected) || sameName(exchangeOf(record), expected);
            case TXT -> unquoted(record).equals(expected) || record.equals(expected);
        };
    }

    private static boolean sameAddress(String record, String expected) {
        try {
            // Both are literals (DnsOptions validated the expected one): parsed, never looked up.
            return InetAddress.getByName(record).equals(InetAddress.getByName(expected));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean sameName(String record, String expected) {
        return stripDot(record).toLowerCase(Locale.ROOT).equals(stripDot(expected).toLowerCase(Locale.ROOT));
    }

    private static String exchangeOf(String mx) {
        int space = mx.indexOf(' ');
        return space < 0 ? mx : mx.substring(space + 1);
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static String unquoted(String text) {
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"") ? text.substring(1, text.length() - 1) : text;
    }

    private static String communicationFailure(CommunicationException e, long timeoutMs) {
        Throwable cause = e.getRootCause();
        for (int depth = 0; cause != null && depth < CAUSES_MAX; depth++, cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return "no answer within " + timeoutMs + " ms";
            }
            if (cause instanceof PortUnreachableException) {
                return "server unreachable (port closed)";
            }
        }
        Throwable root = e.getRootCause();
        return "DNS query failed: " + (root == null ? e.getExplanation() : root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage()));
    }

    private static String askedOf(DnsOptions dns) {
        return dns.server().isEmpty() ? "" : " (asked " + dns.server() + ")";
    }

    private static void closeQuietly(DirContext context) {
        if (context == null) {
            return;
        }
        try {
            context.close();
        } catch (NamingException ignored) {
            // Nothing is held open between queries; there is nothing left to release.
        }
    }

    private long elapsed(long startedMs) {
        return Math.max(0, clock.monotonicMs() - startedMs);
    }
}
