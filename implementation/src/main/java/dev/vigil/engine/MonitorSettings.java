package dev.vigil.engine;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A monitor's settings, validated when constructed (SPEC R1): a value of this type is always
 * within the documented ranges, so the engine never stores one that is not. Every rejection is
 * an {@link InvalidSettingsException} naming the field, the value and the allowed range.
 *
 * <p>Build one with {@link #http(String)}, {@link #tcp(String)} or {@link #dns(String)} and the
 * {@code with…} methods, which validate again.
 *
 * @param type             how the target is probed
 * @param target           URL ({@link MonitorType#HTTP}), {@code host:port} (TCP) or host name (DNS)
 * @param intervalMs       time between checks, {@value #INTERVAL_MS_FLOOR} … {@value #INTERVAL_MS_MAX};
 *                         the engine's own lower bound is {@code VigilEngine.Builder#intervalMsMin}
 *                         (5 000 by default)
 * @param timeoutMs        time one attempt may take, {@value #TIMEOUT_MS_MIN} … {@value #TIMEOUT_MS_MAX}
 * @param retryAttempts    extra attempts after a failed one, 0 … {@value #RETRY_ATTEMPTS_MAX}
 * @param expectedStatusMin lowest HTTP status counted as up (100 … 599)
 * @param expectedStatusMax highest HTTP status counted as up (expectedStatusMin … 599)
 * @param keyword          text the HTTP body must contain to count as up; empty for none
 * @param redirectsMax     HTTP redirects followed, 0 … {@value #REDIRECTS_MAX}
 */
public record MonitorSettings(
        MonitorType type,
        String target,
        long intervalMs,
        long timeoutMs,
        int retryAttempts,
        int expectedStatusMin,
        int expectedStatusMax,
        String keyword,
        int redirectsMax) {

    /** The lowest interval any engine accepts; the simulation runs with it. */
    public static final long INTERVAL_MS_FLOOR = 1_000;
    /** The lowest interval a production engine accepts unless configured otherwise. */
    public static final long INTERVAL_MS_DEFAULT_MIN = 5_000;
    /** The longest interval: 30 days. A constant expression, so that Javadoc can show its value. */
    public static final long INTERVAL_MS_MAX = 30L * 24 * 60 * 60 * 1_000;
    /** The shortest timeout of one attempt. */
    public static final long TIMEOUT_MS_MIN = 1_000;
    /** The longest timeout of one attempt: 5 minutes. */
    public static final long TIMEOUT_MS_MAX = 300_000;
    /** The most retries after a failed attempt. */
    public static final int RETRY_ATTEMPTS_MAX = 10;
    /** The most HTTP redirects followed. */
    public static final int REDIRECTS_MAX = 10;
    /** The interval of {@link #http(String)}, {@link #tcp(String)} and {@link #dns(String)}. */
    public static final long INTERVAL_MS_DEFAULT = 60_000;
    /** The timeout of {@link #http(String)}, {@link #tcp(String)} and {@link #dns(String)}. */
    public static final long TIMEOUT_MS_DEFAULT = 30_000;
    /** The longest keyword, in characters. */
    public static final int KEYWORD_LENGTH_MAX = 1_000;

    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\\.?");

    /**
     * Validates every field; see the record's description for the ranges.
     *
     * @throws InvalidSettingsException naming the first field out of range
     */
    public MonitorSettings {
        if (type == null) {
            throw new InvalidSettingsException("type", null, "one of HTTP, TCP, DNS");
        }
        if (target == null || target.isBlank()) {
            throw new InvalidSettingsException("target", target == null ? null : "'" + target + "'",
                    "must not be blank");
        }
        target = target.strip();
        switch (type) {
            case HTTP -> requireHttpUrl(target);
            case TCP -> requireHostAndPort(target);
            case DNS -> requireHostName("target", target);
        }
        requireRange("intervalMs", intervalMs, INTERVAL_MS_FLOOR, INTERVAL_MS_MAX);
        requireRange("timeoutMs", timeoutMs, TIMEOUT_MS_MIN, TIMEOUT_MS_MAX);
        requireRange("retryAttempts", retryAttempts, 0, RETRY_ATTEMPTS_MAX);
        requireRange("expectedStatusMin", expectedStatusMin, 100, 599);
        requireRange("expectedStatusMax", expectedStatusMax, expectedStatusMin, 599);
        keyword = keyword == null ? "" : keyword;
        requireRange("keyword length", keyword.length(), 0, KEYWORD_LENGTH_MAX);
        requireRange("redirectsMax", redirectsMax, 0, REDIRECTS_MAX);
    }

    /**
     * An HTTP(S) monitor with default interval and timeout, status range 200–299, 5 redirects
     * and no retries.
     *
     * @param url an {@code http://} or {@code https://} URL with a host
     * @return the settings
     * @throws InvalidSettingsException if the URL is not one
     */
    public static MonitorSettings http(String url) {
        return new MonitorSettings(MonitorType.HTTP, url, INTERVAL_MS_DEFAULT, TIMEOUT_MS_DEFAULT, 0, 200, 299, "", 5);
    }

    /**
     * A TCP monitor with default interval and timeout and no retries.
     *
     * @param hostAndPort {@code host:port}, an IPv6 host in brackets
     * @return the settings
     * @throws InvalidSettingsException if the target is not one
     */
    public static MonitorSettings tcp(String hostAndPort) {
        return new MonitorSettings(MonitorType.TCP, hostAndPort, INTERVAL_MS_DEFAULT, TIMEOUT_MS_DEFAULT, 0, 200, 299, "", 0);
    }

    /**
     * A DNS monitor with default interval and timeout and no retries.
     *
     * @param hostName the name to resolve
     * @return the settings
     * @throws InvalidSettingsException if it is not a host name
     */
    public static MonitorSettings dns(String hostName) {
        return new MonitorSettings(MonitorType.DNS, hostName, INTERVAL_MS_DEFAULT, TIMEOUT_MS_DEFAULT, 0, 200, 299, "", 0);
    }

    /**
     * These settings with another interval.
     *
     * @param value {@value #INTERVAL_MS_FLOOR} … {@value #INTERVAL_MS_MAX} ms
     * @return the new settings
     * @throws InvalidSettingsException if out of range
     */
    public MonitorSettings withIntervalMs(long value) {
        return new MonitorSettings(type, target, value, timeoutMs, retryAttempts, expectedStatusMin, expectedStatusMax, keyword, redirectsMax);
    }

    /**
     * These settings with another timeout per attempt.
     *
     * @param value {@value #TIMEOUT_MS_MIN} … {@value #TIMEOUT_MS_MAX} ms
     * @return the new settings
     * @throws InvalidSettingsException if out of range
     */
    public MonitorSettings withTimeoutMs(long value) {
        return new MonitorSettings(type, target, intervalMs, value, retryAttempts, expectedStatusMin, expectedStatusMax, keyword, redirectsMax);
    }

    /**
     * These settings with another number of retries after a failed attempt.
     *
     * @param value 0 … {@value #RETRY_ATTEMPTS_MAX}
     * @return the new settings
     * @throws InvalidSettingsException if out of range
     */
    public MonitorSettings withRetryAttempts(int value) {
        return new MonitorSettings(type, target, intervalMs, timeoutMs, value, expectedStatusMin, expectedStatusMax, keyword, redirectsMax);
    }

    /**
     * These settings with another range of HTTP statuses counted as up.
     *
     * @param min the lowest, 100 … 599
     * @param max the highest, {@code min} … 599
     * @return the new settings
     * @throws InvalidSettingsException if out of range
     */
    public MonitorSettings withExpectedStatus(int min, int max) {
        return new MonitorSettings(type, target, intervalMs, timeoutMs, retryAttempts, min, max, keyword, redirectsMax);
    }

    /**
     * These settings with a text the HTTP body must contain to count as up.
     *
     * @param value at most {@value #KEYWORD_LENGTH_MAX} characters; empty or {@code null} for none
     * @return the new settings
     * @throws InvalidSettingsException if too long
     */
    public MonitorSettings withKeyword(String value) {
        return new MonitorSettings(type, target, intervalMs, timeoutMs, retryAttempts, expectedStatusMin, expectedStatusMax, value, redirectsMax);
    }

    /**
     * These settings with another number of HTTP redirects followed.
     *
     * @param value 0 … {@value #REDIRECTS_MAX}
     * @return the new settings
     * @throws InvalidSettingsException if out of range
     */
    public MonitorSettings withRedirectsMax(int value) {
        return new MonitorSettings(type, target, intervalMs, timeoutMs, retryAttempts, expectedStatusMin, expectedStatusMax, keyword, value);
    }

    /**
     * Attempts per check.
     *
     * @return the first attempt plus the retries
     */
    public int attempts() {
        return retryAttempts + 1;
    }

    /**
     * The TCP target's host; only for {@link MonitorType#TCP}.
     *
     * @return the host, without the brackets of an IPv6 address
     * @throws IllegalStateException for another type
     */
    public String tcpHost() {
        requireType(MonitorType.TCP);
        String host = target.substring(0, target.lastIndexOf(':'));
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /**
     * The TCP target's port; only for {@link MonitorType#TCP}.
     *
     * @return the port, 1 … 65 535
     * @throws IllegalStateException for another type
     */
    public int tcpPort() {
        requireType(MonitorType.TCP);
        return Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
    }

    private void requireType(MonitorType expected) {
        if (type != expected) {
            throw new IllegalStateException("settings of type " + type + " have no " + expected + " target");
        }
    }

    private static void requireRange(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InvalidSettingsException(field, value, "allowed " + min + " … " + max);
        }
    }

    private static void requireHttpUrl(String target) {
        URI uri;
        try {
            uri = new URI(target);
        } catch (URISyntaxException e) {
            throw new InvalidSettingsException("target", "'" + target + "'", "a valid http(s) URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidSettingsException("target", "'" + target + "'", "an http:// or https:// URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new InvalidSettingsException("target", "'" + target + "'", "a URL with a host");
        }
    }

    private static void requireHostAndPort(String target) {
        int colon = target.lastIndexOf(':');
        if (colon <= 0 || colon == target.length() - 1) {
            throw new InvalidSettingsException("target", "'" + target + "'", "host:port, e.g. example.com:443");
        }
        String host = target.substring(0, colon);
        String port = target.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            if (host.length() < 3) {
                throw new InvalidSettingsException("target", "'" + target + "'", "host:port with a non-empty IPv6 host");
            }
        } else {
            requireHostName("target host", host);
        }
        int portNumber;
        try {
            portNumber = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new InvalidSettingsException("target port", "'" + port + "'", "a number 1 … 65535");
        }
        requireRange("target port", portNumber, 1, 65_535);
    }

    private static void requireHostName(String field, String host) {
        if (!HOST_NAME.matcher(Objects.requireNonNull(host)).matches()) {
            throw new InvalidSettingsException(field, "'" + host + "'", "a host name or IP address (letters, digits, '-', '.')");
        }
    }
}
