package dev.vigil.engine;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The target rules of {@link MonitorSettings}: what an HTTP URL, a TCP {@code host:port} and a
 * DNS name may be. Pure; every rejection is an {@link InvalidSettingsException}.
 *
 * <p><b>One host rule.</b> A host, whatever the monitor type, is an IPv4 address, a bracketed
 * IPv6 address ({@code [::1]}) or a name of dot-separated labels of letters, digits and inner
 * hyphens (RFC 1123), at most 63 characters a label and 253 in all, with an optional final dot.
 * Underscores are not part of it: the JDK's URL parser and HTTP client do not accept them in a
 * host, so a rule that let TCP and DNS take them would accept names that HTTP cannot reach.
 * The one addition is for DNS: a DNS monitor names a record, not a host, and records such as
 * {@code _dmarc.example.com} (RFC 8552) have labels that start with an underscore, so a DNS
 * name's labels may begin with one.
 */
final class Targets {
    private static final int HOST_LENGTH_MAX = 253;
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final String DNS_LABEL = "(?:_?" + LABEL + "|_)";
    private static final Pattern HOST_NAME = Pattern.compile(LABEL + "(?:\\." + LABEL + ")*\\.?");
    private static final Pattern DNS_NAME = Pattern.compile(DNS_LABEL + "(?:\\." + DNS_LABEL + ")*\\.?");
    private static final Pattern IPV6_LITERAL = Pattern.compile("\\[[0-9A-Fa-f:.]+(?:%[A-Za-z0-9._~-]+)?]");
    private static final String HOST_RULE = "a host name (letters, digits, inner '-', labels separated by '.'),"
            + " an IPv4 address or a bracketed IPv6 address";

    private Targets() {
    }

    /** An absolute http(s) URL with a valid host, no user info, and a port within 1 … 65535 if one is given. */
    static void requireHttpUrl(String target) {
        String shown = "'" + Redaction.redact(target) + "'";
        URI uri;
        try {
            uri = new URI(target);
        } catch (URISyntaxException e) {
            throw new InvalidSettingsException("target", shown, "a valid http(s) URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidSettingsException("target", shown, "an http:// or https:// URL");
        }
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isBlank()) {
            throw new InvalidSettingsException("target", shown, "a URL with a host");
        }
        if (authority.contains("@")) {
            throw new InvalidSettingsException("target", shown, "a URL without user info: credentials in a URL are not sent;"
                    + " pass them with withHttp(http -> http.withBasicAuth(user, password)) or withBearerToken(token)");
        }
        // The authority, not URI.getHost(): URI gives no host for a name it cannot parse (an
        // underscore, a port past 65535), and the message should say which rule it broke.
        int portColon = authority.startsWith("[") ? authority.indexOf(':', authority.indexOf(']')) : authority.lastIndexOf(':');
        String host = portColon < 0 ? authority : authority.substring(0, portColon);
        requireHost("target host", host);
        if (portColon >= 0 && portColon < authority.length() - 1) {
            requirePort(authority.substring(portColon + 1));
        }
    }

    /** {@code host:port}, the host by the one host rule, the port within 1 … 65535. */
    static void requireHostAndPort(String target) {
        int colon = target.lastIndexOf(':');
        if (colon <= 0 || colon == target.length() - 1) {
            throw new InvalidSettingsException("target", "'" + target + "'", "host:port, e.g. example.com:443");
        }
        requireHost("target host", target.substring(0, colon));
        requirePort(target.substring(colon + 1));
    }

    /** A name to look up: the host rule, with labels that may start with '_'; no IP address. */
    static void requireDnsName(String target) {
        if (target.length() > HOST_LENGTH_MAX + 1 || !DNS_NAME.matcher(target).matches()) {
            throw new InvalidSettingsException("target", "'" + target + "'",
                    "a DNS name (letters, digits, inner '-', a leading '_' allowed, labels separated by '.')");
        }
        if (isIpv4(target)) {
            throw new InvalidSettingsException("target", "'" + target + "'", "a DNS name, not an IP address: an address has no record to look up");
        }
    }

    /** A DNS server: {@code host} or {@code host:port}, the host by the one host rule. */
    static void requireServer(String server) {
        int colon = server.startsWith("[") ? server.indexOf(':', server.indexOf(']')) : server.lastIndexOf(':');
        if (!server.startsWith("[") && server.indexOf(':') != colon) {
            throw new InvalidSettingsException("dns server", "'" + server + "'", "host or host:port; an IPv6 address in brackets, e.g. [::1]:53");
        }
        String host = colon < 0 ? server : server.substring(0, colon);
        requireHost("dns server", host);
        if (colon >= 0) {
            requirePort("dns server port", server.substring(colon + 1));
        }
    }

    /** An IPv4 address, or an IPv6 one when {@code ipv6}; parsed without any lookup. */
    static void requireAddress(String field, String value, boolean ipv6) {
        boolean valid = ipv6 ? value.indexOf(':') >= 0 && value.matches("[0-9A-Fa-f:.]+") && parsesAsAddress(value)
                : isIpv4(value) && parsesAsAddress(value);
        if (!valid) {
            throw new InvalidSettingsException(field, "'" + value + "'", ipv6 ? "an IPv6 address such as 2001:db8::1" : "an IPv4 address such as 192.0.2.1");
        }
    }

    private static boolean parsesAsAddress(String literal) {
        // A literal (digits, dots, colons only) is parsed, never looked up.
        try {
            java.net.InetAddress.getByName(literal);
            return !literal.endsWith(".");
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static void requireHost(String field, String host) {
        if (host.startsWith("[")) {
            if (!IPV6_LITERAL.matcher(host).matches()) {
                throw new InvalidSettingsException(field, "'" + host + "'", "a bracketed IPv6 address such as [::1]");
            }
            return;
        }
        if (host.length() > HOST_LENGTH_MAX + 1 || !HOST_NAME.matcher(host).matches()) {
            throw new InvalidSettingsException(field, "'" + host + "'", HOST_RULE);
        }
    }

    private static void requirePort(String port) {
        requirePort("target port", port);
    }

    private static void requirePort(String field, String port) {
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new InvalidSettingsException(field, "'" + port + "'", "a number 1 … 65535");
        }
        if (number < 1 || number > 65_535) {
            throw new InvalidSettingsException(field, number, "allowed 1 … 65535");
        }
    }

    private static boolean isIpv4(String name) {
        return name.matches("[0-9]+(\\.[0-9]+){3}\\.?");
    }
}
