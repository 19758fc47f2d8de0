package dev.vigil.engine;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An HTTP(S) monitor's options, validated when constructed: a value of this type is always
 * within the documented ranges and free of contradictions (a keyword with {@code HEAD}, an
 * {@code Authorization} header beside an {@link Auth}). Change one with the {@code with…}
 * methods, which validate again; {@link #DEFAULTS} is what {@link MonitorSettings#http(String)}
 * starts from: {@code GET}, HTTP/1.1, status 200–299, follow up to 5 redirects, the JVM's trust.
 *
 * <p>Secrets (passwords, tokens, header values) never appear in {@link #toString()}.
 *
 * @param method                   the request method
 * @param headers                  extra request headers, names unique ignoring case, at most
 *                                 {@value #HEADERS_MAX}; not the ones the client owns
 *                                 ({@code Host}, {@code Connection}, {@code Content-Length},
 *                                 {@code Expect}, {@code Upgrade})
 * @param auth                     credentials sent with every request, redirects included
 * @param expectedStatusMin        lowest status counted as up, 100 … 599
 * @param expectedStatusMax        highest status counted as up, expectedStatusMin … 599
 * @param keyword                  text the first {@value #BODY_BYTES_SEARCHED} bytes of the body
 *                                 must contain, case-sensitive; empty for none
 * @param redirectMode             {@link RedirectMode#FOLLOW} redirects, or {@link RedirectMode#JUDGE}
 *                                 a redirect as the answer (its status against the expected range)
 * @param redirectsMax             redirects followed, 0 … {@value #REDIRECTS_MAX}; one more is DOWN;
 *                                 0 when redirects are judged
 * @param tls                      whom to trust for https, for this monitor only
 * @param certificateExpiryDaysMin DOWN when the server's certificate expires in fewer days,
 *                                 0 … {@value #CERTIFICATE_EXPIRY_DAYS_MAX}; 0 for no check
 * @param version                  the protocol version asked for
 */
public record HttpOptions(
        Method method,
        Map<String, String> headers,
        Auth auth,
        int expectedStatusMin,
        int expectedStatusMax,
        String keyword,
        RedirectMode redirectMode,
        int redirectsMax,
        Tls tls,
        int certificateExpiryDaysMin,
        Version version) implements ProbeOptions {

    /** The most redirects a monitor may follow ({@code redirectsMax}). */
    public static final int REDIRECTS_MAX = 10;
    /** The redirects followed unless told otherwise. */
    public static final int REDIRECTS_MAX_DEFAULT = 5;
    /** The longest keyword, in characters. */
    public static final int KEYWORD_LENGTH_MAX = 1_000;
    /** How much of a body is searched for the keyword. */
    public static final int BODY_BYTES_SEARCHED = 1 << 20;
    /** The most extra request headers. */
    public static final int HEADERS_MAX = 50;
    /** The longest header name, in characters. */
    public static final int HEADER_NAME_LENGTH_MAX = 256;
    /** The longest header value, in characters. */
    public static final int HEADER_VALUE_LENGTH_MAX = 8_192;
    /** The highest {@code certificateExpiryDaysMin}: about ten years. */
    public static final int CERTIFICATE_EXPIRY_DAYS_MAX = 3_650;
    /** The longest user name, password or token, in characters. */
    public static final int SECRET_LENGTH_MAX = 8_192;
    /** The longest PEM text of trusted certificates, in characters. */
    public static final int PEM_LENGTH_MAX = 1 << 20;

    /**
     * What {@link MonitorSettings#http(String)} starts from: {@code GET}, no extra headers, no
     * credentials, status 200–299, no keyword, follow up to {@value #REDIRECTS_MAX_DEFAULT}
     * redirects, the JVM's trust, no certificate-expiry check, HTTP/1.1.
     */
    public static final HttpOptions DEFAULTS = new HttpOptions(Method.GET, Map.of(), Auth.NONE, 200, 299, "",
            RedirectMode.FOLLOW, REDIRECTS_MAX_DEFAULT, Tls.SYSTEM, 0, Version.HTTP_1_1);

    // RFC 9110 token characters.
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    // The JDK client refuses to let a request set these; it sets them itself.
    private static final Set<String> CLIENT_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade");

    /**
     * The request method. {@code HEAD} has no body, so it takes no keyword. Whatever the method,
     * the request itself is sent without a body.
     */
    public enum Method {
        /** {@code GET}, the default. */
        GET,
        /** {@code HEAD}: the answer has no body, so only its status (and certificate) is judged. */
        HEAD,
        /** {@code POST}, without a body. */
        POST,
        /** {@code PUT}, without a body. */
        PUT,
        /** {@code PATCH}, without a body. */
        PATCH,
        /** {@code DELETE}, without a body. */
        DELETE,
        /** {@code OPTIONS}, without a body. */
        OPTIONS
    }

    /** What a 3xx answer with a {@code Location} means. */
    public enum RedirectMode {
        /** Follow it, up to {@code redirectsMax}, to http(s) locations only; judge the final answer. */
        FOLLOW,
        /** Do not follow: the redirect is the answer, judged by its status (e.g. expect 301–301). */
        JUDGE
    }

    /**
     * The protocol version asked for. HTTP/1.1 by default: asking for HTTP/2 on plain http makes
     * the JDK client send {@code Upgrade: h2c}, which some servers and proxies reject.
     */
    public enum Version {
        /** HTTP/1.1 only, the default. */
        HTTP_1_1,
        /**
         * HTTP/2 if the server agrees (negotiated over https, an {@code Upgrade: h2c} over plain
         * http); otherwise the exchange stays HTTP/1.1.
         */
        HTTP_2
    }

    /** Credentials sent with every request. */
    public sealed interface Auth {
        /** No credentials: the default. */
        Auth NONE = new None();

        /** No credentials. */
        record None() implements Auth {}

        /**
         * RFC 7617 Basic: the user name has no ':'; neither has a line break.
         *
         * @param username the user name, not empty, at most {@value #SECRET_LENGTH_MAX} characters
         * @param password the password, possibly empty, at most {@value #SECRET_LENGTH_MAX}
         *                 characters; masked in {@link #toString()}
         */
        record Basic(String username, String password) implements Auth {
            /**
             * Validates the credentials.
             *
             * @throws InvalidSettingsException if either is missing, too long or has a line break
             *                                  or NUL, or the user name is empty or has a ':'
             */
            public Basic {
                requireSecret("auth username", username);
                requireSecret("auth password", password);
                if (username.isEmpty() || username.indexOf(':') >= 0) {
                    throw new InvalidSettingsException("auth username", "'" + username + "'", "not empty and without ':' (RFC 7617)");
                }
            }

            @Override
            public String toString() {
                return "Basic[username=" + username + ", password=" + Redaction.MASK + "]";
            }
        }

        /**
         * RFC 6750 Bearer: {@code Authorization: Bearer <token>}.
         *
         * @param token the token, sent as given: visible ASCII without spaces, at most
         *              {@value #SECRET_LENGTH_MAX} characters; masked in {@link #toString()}
         */
        record Bearer(String token) implements Auth {
            /**
             * Validates the token.
             *
             * @throws InvalidSettingsException if it is missing, blank, too long, or has a space
             *                                  or a character outside visible ASCII
             */
            public Bearer {
                requireSecret("auth token", token);
                if (token.isBlank() || token.chars().anyMatch(c -> c <= ' ' || c > '~')) {
                    throw new InvalidSettingsException("auth token", Redaction.MASK, "not empty, visible ASCII without spaces");
                }
            }

            @Override
            public String toString() {
                return "Bearer[token=" + Redaction.MASK + "]";
            }
        }
    }

    /** Whom an https monitor trusts. Each monitor's choice applies to that monitor only, never the JVM. */
    public sealed interface Tls {
        /** The JVM's default trust: the default. */
        Tls SYSTEM = new SystemTrust();

        /** The JVM's default trust store and host name verification. */
        record SystemTrust() implements Tls {}

        /**
         * These certificates only (a private CA or a self-signed server), PEM text of one or
         * more {@code CERTIFICATE} blocks; the host name is still verified. Parsed when
         * constructed, so a malformed PEM is rejected at once.
         *
         * @param certificatesPem the PEM text, at most {@value #PEM_LENGTH_MAX} characters
         */
        record PemTrust(String certificatesPem) implements Tls {
            /**
             * Parses the certificates.
             *
             * @throws InvalidSettingsException if the text is too long or holds no parsable
             *                                  {@code CERTIFICATE} block
             */
            public PemTrust {
                Objects.requireNonNull(certificatesPem, "certificatesPem");
                if (certificatesPem.length() > PEM_LENGTH_MAX) {
                    throw new InvalidSettingsException("tls certificatesPem length", certificatesPem.length(), "allowed 1 … " + PEM_LENGTH_MAX);
                }
                parseCertificates(certificatesPem);
            }

            @Override
            public String toString() {
                return "PemTrust[" + parseCertificates(certificatesPem).size() + " certificates]";
            }
        }

        /**
         * The certificates of a trust store file (PKCS12 or JKS). The file is read when the
         * monitor's client is built; an unreadable one makes the check DOWN saying why.
         *
         * @param path      the file, a relative path resolved against the process's working
         *                  directory; not read here
         * @param password  the store's password, possibly empty; masked in {@link #toString()}
         * @param storeType the file's format
         */
        record TrustStore(String path, String password, StoreType storeType) implements Tls {
            /**
             * Validates the fields; the file is not read yet.
             *
             * @throws InvalidSettingsException if the path is blank, or the password is missing,
             *                                  too long or has a line break or NUL
             */
            public TrustStore {
                if (path == null || path.isBlank()) {
                    throw new InvalidSettingsException("tls trustStore path", path == null ? null : "'" + path + "'", "must not be blank");
                }
                requireSecret("tls trustStore password", password);
                Objects.requireNonNull(storeType, "storeType");
            }

            @Override
            public String toString() {
                return "TrustStore[path=" + path + ", password=" + Redaction.MASK + ", storeType=" + storeType + "]";
            }
        }

        /**
         * Trusts any certificate and checks no host name: encryption without authentication,
         * for a test server. The certificate-expiry check still works.
         */
        record Insecure() implements Tls {}

        /** A trust store's file format. */
        enum StoreType {
            /** PKCS #12, the JDK's default keystore format. */
            PKCS12,
            /** The older Java KeyStore format. */
            JKS
        }
    }

    /**
     * Validates every option; {@code null} headers become none and a {@code null} keyword
     * becomes empty.
     *
     * @throws InvalidSettingsException if an option is out of range or contradicts another
     * @throws NullPointerException     if {@code method}, {@code auth}, {@code redirectMode},
     *                                  {@code tls} or {@code version} is {@code null}
     */
    public HttpOptions {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(redirectMode, "redirectMode");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(version, "version");
        headers = requireHeaders(headers, auth);
        Validation.requireRange("expectedStatusMin", expectedStatusMin, 100, 599);
        Validation.requireRange("expectedStatusMax", expectedStatusMax, expectedStatusMin, 599);
        keyword = keyword == null ? "" : keyword;
        Validation.requireRange("keyword length", keyword.length(), 0, KEYWORD_LENGTH_MAX);
        if (!keyword.isEmpty() && method == Method.HEAD) {
            throw new InvalidSettingsException("keyword", "'" + keyword + "'", "empty with method HEAD: a HEAD answer has no body to search");
        }
        Validation.requireRange("redirectsMax", redirectsMax, 0, redirectMode == RedirectMode.JUDGE ? 0 : REDIRECTS_MAX);
        Validation.requireRange("certificateExpiryDaysMin", certificateExpiryDaysMin, 0, CERTIFICATE_EXPIRY_DAYS_MAX);
    }

    @Override
    public MonitorType type() {
        return MonitorType.HTTP;
    }

    /**
     * These options with another request method.
     *
     * @param value the method; {@code HEAD} only without a keyword
     * @return the new options
     */
    public HttpOptions withMethod(Method value) {
        return new HttpOptions(value, headers, auth, expectedStatusMin, expectedStatusMax, keyword, redirectMode, redirectsMax, tls,
                certificateExpiryDaysMin, version);
    }

    /**
     * These options with {@code name: value} added, or replacing a header of that name.
     *
     * @param name  the header name, an RFC 9110 token; a header whose name equals it ignoring
     *              case is replaced
     * @param value the header value, at most {@value #HEADER_VALUE_LENGTH_MAX} characters, no line
     *              breaks
     * @return the new options
     */
    public HttpOptions withHeader(String name, String value) {
        if (name == null) {
            throw new InvalidSettingsException("header name", null, "a token such as X-Request-Id");
        }
        Map<String, String> changed = new LinkedHashMap<>();
        headers.forEach((existing, existingValue) -> {
            if (!existing.equalsIgnoreCase(name)) {
                changed.put(existing, existingValue);
            }
        });
        changed.put(name, value);
        return withHeaders(changed);
    }

    /**
     * These options with exactly these extra headers, replacing all the current ones.
     *
     * @param value the headers, copied; {@code null} or empty for none
     * @return the new options
     */
    public HttpOptions withHeaders(Map<String, String> value) {
        return new HttpOptions(method, value, auth, expectedStatusMin, expectedStatusMax, keyword, redirectMode, redirectsMax, tls,
                certificateExpiryDaysMin, version);
    }

    /**
     * These options with other credentials.
     *
     * @param value the credentials, {@link Auth#NONE} for none; not beside an
     *              {@code Authorization} header
     * @return the new options
     */
    public HttpOptions withAuth(Auth value) {
        return new HttpOptions(method, headers, value, expectedStatusMin, expectedStatusMax, keyword, redirectMode, redirectsMax, tls,
                certificateExpiryDaysMin, version);
    }

    /**
     * Shorthand for {@code withAuth(new Auth.Basic(username, password))}.
     *
     * @param username the user name, not empty, without ':'
     * @param password the password
     * @return the new options
     */
    public HttpOptions withBasicAuth(String username, String password) {
        return withAuth(new Auth.Basic(username, password));
    }

    /**
     * Shorthand for {@code withAuth(new Auth.Bearer(token))}.
     *
     * @param token the token, visible ASCII without spaces
     * @return the new options
     */
    public HttpOptions withBearerToken(String token) {
        return withAuth(new Auth.Bearer(token));
    }

    /**
     * These options counting the statuses {@code min} … {@code max} as up.
     *
     * @param min the lowest, 100 … 599
     * @param max the highest, {@code min} … 599; equal to {@code min} for one status
     * @return the new options
     */
    public HttpOptions withExpectedStatus(int min, int max) {
        return new HttpOptions(method, headers, auth, min, max, keyword, redirectMode, redirectsMax, tls, certificateExpiryDaysMin, version);
    }

    /**
     * These options requiring the body to contain a keyword.
     *
     * @param value the text to find, case-sensitive, in the first {@value #BODY_BYTES_SEARCHED}
     *              bytes of the body, at most {@value #KEYWORD_LENGTH_MAX} characters; empty or
     *              {@code null} for none
     * @return the new options
     */
    public HttpOptions withKeyword(String value) {
        return new HttpOptions(method, headers, auth, expectedStatusMin, expectedStatusMax, value, redirectMode, redirectsMax, tls,
                certificateExpiryDaysMin, version);
    }

    /**
     * Follows redirects, at most {@code value}.
     *
     * @param value 0 … {@value #REDIRECTS_MAX}; one redirect more than that is DOWN, so 0 makes
     *              every redirect DOWN
     * @return the new options, in {@link RedirectMode#FOLLOW} mode
     */
    public HttpOptions withRedirectsMax(int value) {
        return new HttpOptions(method, headers, auth, expectedStatusMin, expectedStatusMax, keyword, RedirectMode.FOLLOW, value, tls,
                certificateExpiryDaysMin, version);
    }

    /**
     * Judges a redirect as the answer instead of following it: expect its status, e.g. {@code withExpectedStatus(301, 301)}.
     *
     * @return the new options, in {@link RedirectMode#JUDGE} mode with {@code redirectsMax} 0
     */
    public HttpOptions withRedirectsJudged() {
        return new HttpOptions(method, headers, auth, expectedStatusMin, expectedStatusMax, keyword, RedirectMode.JUDGE, 0, tls,
                certificateExpiryDaysMin, version);
    }

    /**
     * These options trusting other certificates, for this monitor only.
     *
     * @param value whom to trust; {@link Tls#SYSTEM} for the JVM's default
     * @return the new options
     */
    public HttpOptions withTls(Tls value) {
        return new HttpOptions(method, headers, auth, expectedStatusMin, expectedStatusMax, keyword, redirectMode, redirectsMax, value,
                certificateExpiryDaysMin, version);
    }

    /**
     * Shorthand for {@code withTls(new Tls.PemTrust(certificatesPem))}.
     *
     * @param certificatesPem PEM text of one or more {@code CERTIFICATE} blocks
     * @return the new options
     */
    public HttpOptions withTrustedCertificates(String certificatesPem) {
        return withTls(new Tls.PemTrust(certificatesPem));
    }

    /**
     * Shorthand for {@code withTls(new Tls.Insecure())}: any certificate, any host name.
     *
     * @return the new options
     */
    public HttpOptions withInsecureTls() {
        return withTls(new Tls.Insecure());
    }

    /**
     * These options checking how long the server's certificate remains valid.
     *
     * @param value the fewest days it may have left, 0 … {@value #CERTIFICATE_EXPIRY_DAYS_MAX};
     *              fewer is DOWN, and so is a plain http answer, which has no certificate; 0 for
     *              no check
     * @return the new options
     */
    public HttpOptions withCertificateExpiryDaysMin(int value) {
        return new HttpOptions(method, headers, auth, expectedStatusMin, expectedStatusMax, keyword, redirectMode, redirectsMax, tls,
                value, version);
    }

    /**
     * These options asking for another protocol version.
     *
     * @param value the version; {@link Version#HTTP_1_1} by default
     * @return the new options
     */
    public HttpOptions withVersion(Version value) {
        return new HttpOptions(method, headers, auth, expectedStatusMin, expectedStatusMax, keyword, redirectMode, redirectsMax, tls,
                certificateExpiryDaysMin, value);
    }

    @Override
    public String toString() {
        Map<String, String> masked = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.keySet().forEach(name -> masked.put(name, Redaction.MASK));
        return "HttpOptions[method=" + method + ", headers=" + masked + ", auth=" + auth + ", expectedStatus=" + expectedStatusMin
                + "–" + expectedStatusMax + ", keyword=" + keyword + ", redirectMode=" + redirectMode + ", redirectsMax="
                + redirectsMax + ", tls=" + tls + ", certificateExpiryDaysMin=" + certificateExpiryDaysMin + ", version=" + version + "]";
    }

    /** The X.509 certificates of {@code pem}; at least one, or an {@link InvalidSettingsException}. */
    static Collection<? extends Certificate> parseCertificates(String pem) {
        Collection<? extends Certificate> certificates;
        try {
            certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw new InvalidSettingsException("tls certificatesPem", "(" + pem.length() + " characters)",
                    "PEM text of X.509 certificates (-----BEGIN CERTIFICATE----- …): " + e.getMessage());
        }
        if (certificates.isEmpty()) {
            throw new InvalidSettingsException("tls certificatesPem", "(" + pem.length() + " characters)",
                    "at least one -----BEGIN CERTIFICATE----- block");
        }
        return certificates;
    }

    private static Map<String, String> requireHeaders(Map<String, String> headers, Auth auth) {
        if (headers == null) {
            return Map.of();
        }
        Validation.requireRange("headers count", headers.size(), 0, HEADERS_MAX);
        Map<String, String> seen = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            String value = header.getValue();
            if (name == null || name.length() > HEADER_NAME_LENGTH_MAX || !HEADER_NAME.matcher(name).matches()) {
                throw new InvalidSettingsException("header name", name == null ? null : "'" + name + "'",
                        "a token of at most " + HEADER_NAME_LENGTH_MAX + " letters, digits and !#$%&'*+.^_`|~-");
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (CLIENT_HEADERS.contains(lower)) {
                throw new InvalidSettingsException("header name", "'" + name + "'", "not one the HTTP client sets itself: "
                        + "Connection, Content-Length, Expect, Host, Upgrade");
            }
            if (lower.equals("authorization") && !(auth instanceof Auth.None)) {
                throw new InvalidSettingsException("header name", "'" + name + "'", "not Authorization when auth is set: one or the other");
            }
            if (seen.put(name, name) != null) {
                throw new InvalidSettingsException("header name", "'" + name + "'", "unique ignoring case");
            }
            if (value == null || value.length() > HEADER_VALUE_LENGTH_MAX || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                throw new InvalidSettingsException("header " + name + " value", Redaction.MASK,
                        "at most " + HEADER_VALUE_LENGTH_MAX + " characters, no line breaks");
            }
        }
        return Map.copyOf(headers);
    }

    private static void requireSecret(String field, String value) {
        if (value == null) {
            throw new InvalidSettingsException(field, null, "must be given");
        }
        if (value.length() > SECRET_LENGTH_MAX || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw new InvalidSettingsException(field, Redaction.MASK, "at most " + SECRET_LENGTH_MAX + " characters, no line breaks");
        }
    }
}
