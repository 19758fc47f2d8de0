package dev.vigil.engine;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A monitor's settings, validated when constructed (SPEC R1): a value of this type is always
 * within the documented ranges, so the engine never stores one that is not. Every rejection is
 * an {@link InvalidSettingsException} naming the field, the value and the allowed range.
 *
 * <p>Build one with {@link #http(String)}, {@link #tcp(String)} or {@link #dns(String)} and the
 * {@code with…} methods, which validate again:
 * <pre>{@code
 * MonitorSettings.http("https://example.com/health")
 *         .withIntervalMs(30_000).withTimeoutMs(5_000).withRetryAttempts(2)
 *         .withHttp(http -> http.withExpectedStatus(200, 204).withKeyword("ok"));
 * }</pre>
 *
 * <p><b>What is rejected</b>, beyond each field's range:
 * <ul>
 *   <li>a target that breaks its type's rule: an http(s) URL with a host, no user info
 *       (credentials go in {@link HttpOptions}) and a port within 1 … 65535; a TCP
 *       {@code host:port}; a DNS name. One host rule serves all three (see {@code Targets}):
 *       letters, digits and inner hyphens, no underscores (a DNS name's labels may start
 *       with one, as in {@code _dmarc.example.com});</li>
 *   <li>an option that means nothing for the monitor's type: {@link #withKeyword},
 *       {@link #withExpectedStatus}, {@link #withRedirectsMax} and {@link #withHttp} on a TCP or
 *       DNS monitor, {@link #withDns} on an HTTP or TCP one; and, within {@link HttpOptions},
 *       a keyword with {@code HEAD}, an {@code Authorization} header beside an auth, a
 *       {@code redirectsMax} above 0 when redirects are judged;</li>
 *   <li>by the engine, when the settings are added or updated: an interval below the engine's
 *       lower bound ({@code VigilEngine.Builder}) and a {@code timeoutMs} longer than {@code intervalMs} (a check
 *       that may outlast the interval between checks). These two are the engine's, not this
 *       type's, because the with-chain passes through such values ({@code http(url)} starts at
 *       a 30 s timeout, before {@code withIntervalMs(10_000).withTimeoutMs(5_000)}).</li>
 * </ul>
 *
 * @param target        URL ({@link MonitorType#HTTP}), {@code host:port} (TCP) or name (DNS)
 * @param intervalMs    time between checks, {@value #INTERVAL_MS_FLOOR} … {@value #INTERVAL_MS_MAX};
 *                      the engine's own lower bound is {@code VigilEngine.Builder#intervalMsMin}
 *                      (5 000 by default)
 * @param timeoutMs     time one attempt may take, {@value #TIMEOUT_MS_MIN} … {@value #TIMEOUT_MS_MAX}
 * @param retryAttempts extra attempts after a failed one, 0 … {@value #RETRY_ATTEMPTS_MAX}
 * @param options       the type's own options; they decide {@link #type()}
 */
public record MonitorSettings(String target, long intervalMs, long timeoutMs, int retryAttempts, ProbeOptions options) {

    /** The lowest interval any engine accepts; the simulation runs with it. */
    public static final long INTERVAL_MS_FLOOR = 1_000;
    /** The lowest interval a production engine accepts unless configured otherwise. */
    public static final long INTERVAL_MS_DEFAULT_MIN = 5_000;
    /** The longest interval: 30 days. */
    public static final long INTERVAL_MS_MAX = 30L * 24 * 60 * 60 * 1_000;
    /** The shortest time an attempt may be given. */
    public static final long TIMEOUT_MS_MIN = 1_000;
    /** The longest time an attempt may be given: 5 minutes. */
    public static final long TIMEOUT_MS_MAX = 300_000;
    /** The most retries after a failed attempt, so at most {@code RETRY_ATTEMPTS_MAX + 1} attempts per check. */
    public static final int RETRY_ATTEMPTS_MAX = 10;
    /** {@link HttpOptions#REDIRECTS_MAX}, for the {@link #withRedirectsMax} shorthand. */
    public static final int REDIRECTS_MAX = HttpOptions.REDIRECTS_MAX;
    /** The interval {@link #http}, {@link #tcp} and {@link #dns} start from: one minute. */
    public static final long INTERVAL_MS_DEFAULT = 60_000;
    /** The attempt timeout {@link #http}, {@link #tcp} and {@link #dns} start from: 30 s. */
    public static final long TIMEOUT_MS_DEFAULT = 30_000;
    /** {@link HttpOptions#KEYWORD_LENGTH_MAX}, for the {@link #withKeyword} shorthand. */
    public static final int KEYWORD_LENGTH_MAX = HttpOptions.KEYWORD_LENGTH_MAX;

    /**
     * Validates the settings; the target is stripped of surrounding white space.
     *
     * @throws InvalidSettingsException if {@code options} is {@code null}, the target is blank or
     *                                  breaks its type's rule, or a number is out of range
     */
    public MonitorSettings {
        if (options == null) {
            throw new InvalidSettingsException("options", null, "HttpOptions, TcpOptions or DnsOptions");
        }
        if (target == null || target.isBlank()) {
            throw new InvalidSettingsException("target", target == null ? null : "'" + target + "'", "must not be blank");
        }
        target = target.strip();
        switch (options) {
            case HttpOptions ignored -> Targets.requireHttpUrl(target);
            case TcpOptions ignored -> Targets.requireHostAndPort(target);
            case DnsOptions ignored -> Targets.requireDnsName(target);
        }
        Validation.requireRange("intervalMs", intervalMs, INTERVAL_MS_FLOOR, INTERVAL_MS_MAX);
        Validation.requireRange("timeoutMs", timeoutMs, TIMEOUT_MS_MIN, TIMEOUT_MS_MAX);
        Validation.requireRange("retryAttempts", retryAttempts, 0, RETRY_ATTEMPTS_MAX);
    }

    /**
     * An HTTP(S) monitor of {@code url}: default interval and timeout, no retries, {@link HttpOptions#DEFAULTS}.
     *
     * @param url an absolute http or https URL with a host and no user info
     * @return the settings
     * @throws InvalidSettingsException if the URL breaks that rule
     */
    public static MonitorSettings http(String url) {
        return new MonitorSettings(url, INTERVAL_MS_DEFAULT, TIMEOUT_MS_DEFAULT, 0, HttpOptions.DEFAULTS);
    }

    /**
     * A TCP monitor of {@code host:port} with default interval and timeout and no retries.
     *
     * @param hostAndPort the host and a port 1 … 65535, an IPv6 address in brackets
     *                    ({@code [2001:db8::1]:443})
     * @return the settings
     * @throws InvalidSettingsException if the target breaks that rule
     */
    public static MonitorSettings tcp(String hostAndPort) {
        return new MonitorSettings(hostAndPort, INTERVAL_MS_DEFAULT, TIMEOUT_MS_DEFAULT, 0, TcpOptions.DEFAULTS);
    }

    /**
     * A DNS monitor of {@code name} with default interval and timeout, no retries, {@link DnsOptions#DEFAULTS}.
     *
     * @param name the name to query, such as {@code example.com}
     * @return the settings
     * @throws InvalidSettingsException if the name is not a valid DNS name
     */
    public static MonitorSettings dns(String name) {
        return new MonitorSettings(name, INTERVAL_MS_DEFAULT, TIMEOUT_MS_DEFAULT, 0, DnsOptions.DEFAULTS);
    }

    /**
     * How the target is probed; decided by {@link #options()}.
     *
     * @return HTTP, TCP or DNS
     */
    public MonitorType type() {
        return options.type();
    }

    /**
     * These settings with another interval.
     *
     * @param value the time between checks in ms, {@value #INTERVAL_MS_FLOOR} … {@value #INTERVAL_MS_MAX};
     *              the engine may ask for more ({@code VigilEngine.Builder#intervalMsMin})
     * @return the new settings
     */
    public MonitorSettings withIntervalMs(long value) {
        return new MonitorSettings(target, value, timeoutMs, retryAttempts, options);
    }

    /**
     * These settings with another attempt timeout.
     *
     * @param value the time one attempt may take in ms, {@value #TIMEOUT_MS_MIN} … {@value #TIMEOUT_MS_MAX};
     *              the engine rejects more than the interval unless configured otherwise
     * @return the new settings
     */
    public MonitorSettings withTimeoutMs(long value) {
        return new MonitorSettings(target, intervalMs, value, retryAttempts, options);
    }

    /**
     * These settings with another number of retries.
     *
     * @param value extra attempts after a failed one, 0 … {@value #RETRY_ATTEMPTS_MAX}; a check
     *              makes {@code value + 1} attempts at most
     * @return the new settings
     */
    public MonitorSettings withRetryAttempts(int value) {
        return new MonitorSettings(target, intervalMs, timeoutMs, value, options);
    }

    /**
     * These settings with the HTTP options changed by {@code change}; only for an HTTP monitor.
     *
     * @param change maps the current HTTP options to new ones, not {@code null}
     * @return the new settings
     * @throws InvalidSettingsException if this is not an HTTP monitor
     */
    public MonitorSettings withHttp(UnaryOperator<HttpOptions> change) {
        Objects.requireNonNull(change, "change");
        HttpOptions http = requireOptions(HttpOptions.class, "http options", "…");
        return new MonitorSettings(target, intervalMs, timeoutMs, retryAttempts, Objects.requireNonNull(change.apply(http), "changed options"));
    }

    /**
     * These settings with the DNS options changed by {@code change}; only for a DNS monitor.
     *
     * @param change maps the current DNS options to new ones, not {@code null}
     * @return the new settings
     * @throws InvalidSettingsException if this is not a DNS monitor
     */
    public MonitorSettings withDns(UnaryOperator<DnsOptions> change) {
        Objects.requireNonNull(change, "change");
        DnsOptions dns = requireOptions(DnsOptions.class, "dns options", "…");
        return new MonitorSettings(target, intervalMs, timeoutMs, retryAttempts, Objects.requireNonNull(change.apply(dns), "changed options"));
    }

    /**
     * Shorthand for {@code withHttp(http -> http.withExpectedStatus(min, max))}.
     *
     * @param min the lowest status counted as up, 100 … 599
     * @param max the highest status counted as up, {@code min} … 599
     * @return the new settings
     */
    public MonitorSettings withExpectedStatus(int min, int max) {
        requireOptions(HttpOptions.class, "expectedStatus", min + " … " + max);
        return withHttp(http -> http.withExpectedStatus(min, max));
    }

    /**
     * Shorthand for {@code withHttp(http -> http.withKeyword(value))}.
     *
     * @param value the text the body must contain, case-sensitive; empty for none
     * @return the new settings
     */
    public MonitorSettings withKeyword(String value) {
        requireOptions(HttpOptions.class, "keyword", "'" + value + "'");
        return withHttp(http -> http.withKeyword(value));
    }

    /**
     * Shorthand for {@code withHttp(http -> http.withRedirectsMax(value))}.
     *
     * @param value redirects followed, 0 … {@value #REDIRECTS_MAX}
     * @return the new settings
     */
    public MonitorSettings withRedirectsMax(int value) {
        requireOptions(HttpOptions.class, "redirectsMax", value);
        return withHttp(http -> http.withRedirectsMax(value));
    }

    /**
     * The HTTP options; only for {@link MonitorType#HTTP} (asking a TCP monitor is a programmer error).
     *
     * @return {@link #options()} as HTTP options
     * @throws IllegalStateException if this is not an HTTP monitor
     */
    public HttpOptions httpOptions() {
        if (options instanceof HttpOptions http) {
            return http;
        }
        throw new IllegalStateException("settings of type " + type() + " have no HTTP options");
    }

    /**
     * The DNS options; only for {@link MonitorType#DNS}.
     *
     * @return {@link #options()} as DNS options
     * @throws IllegalStateException if this is not a DNS monitor
     */
    public DnsOptions dnsOptions() {
        if (options instanceof DnsOptions dns) {
            return dns;
        }
        throw new IllegalStateException("settings of type " + type() + " have no DNS options");
    }

    /** The settings with the target's user info and query values masked, and no secret of the options. */
    @Override
    public String toString() {
        return "MonitorSettings[target=" + Redaction.redact(target) + ", intervalMs=" + intervalMs + ", timeoutMs=" + timeoutMs
                + ", retryAttempts=" + retryAttempts + ", options=" + options + "]";
    }

    /**
     * Attempts per check: the first one plus the retries.
     *
     * @return {@code retryAttempts + 1}, 1 … {@code RETRY_ATTEMPTS_MAX + 1}
     */
    public int attempts() {
        return retryAttempts + 1;
    }

    /**
     * The TCP target's host; only for {@link MonitorType#TCP}.
     *
     * @return the host name or IP address, an IPv6 one without its brackets
     * @throws IllegalStateException if this is not a TCP monitor
     */
    public String tcpHost() {
        requireType(MonitorType.TCP);
        String host = target.substring(0, target.lastIndexOf(':'));
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /**
     * The TCP target's port; only for {@link MonitorType#TCP}.
     *
     * @return 1 … 65535
     * @throws IllegalStateException if this is not a TCP monitor
     */
    public int tcpPort() {
        requireType(MonitorType.TCP);
        return Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
    }

    /** The options of {@code kind}, or a user error naming {@code field}: the option means nothing for this type. */
    private <T extends ProbeOptions> T requireOptions(Class<T> kind, String field, Object value) {
        if (kind.isInstance(options)) {
            return kind.cast(options);
        }
        String owner = kind == HttpOptions.class ? "HTTP" : kind == DnsOptions.class ? "DNS" : "TCP";
        throw new InvalidSettingsException(field, value, "only " + owner + " monitors have it; this is a " + type() + " monitor");
    }

    private void requireType(MonitorType expected) {
        if (type() != expected) {
            throw new IllegalStateException("settings of type " + type() + " have no " + expected + " target");
        }
    }
}
