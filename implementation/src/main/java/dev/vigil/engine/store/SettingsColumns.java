package dev.vigil.engine.store;

import dev.vigil.engine.DnsOptions;
import dev.vigil.engine.HttpOptions.Auth;
import dev.vigil.engine.HttpOptions.Tls;
import dev.vigil.engine.HttpOptions;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.MonitorType;
import dev.vigil.engine.ProbeOptions;
import dev.vigil.engine.TcpOptions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How {@link MonitorSettings} map to the columns of {@code monitors}: one column per setting,
 * every one {@code NOT NULL}; a type's columns hold the defaults on rows of other types (the
 * HTTP columns of schema 1 predate per-type options). Headers are stored as the lines of an
 * HTTP request head ({@code Name: value}, one a line, sorted by name): names cannot hold a
 * {@code ':'} and values no line break ({@link HttpOptions} rejects both), so the text is
 * unambiguous without a JSON library.
 */
final class SettingsColumns {
    /** The columns, in the order {@link #bind} sets them. */
    static final List<String> NAMES = List.of("type", "target", "interval_ms", "timeout_ms", "retry_attempts",
            "expected_status_min", "expected_status_max", "keyword", "redirects_max",
            "http_method", "http_headers", "http_auth", "http_auth_user", "http_auth_secret", "http_redirect_mode",
            "http_version", "tls_trust", "tls_source", "tls_secret", "certificate_expiry_days_min",
            "dns_record_type", "dns_server", "dns_expected_answer");

    /** {@code a, b, …} */
    static final String LIST = String.join(", ", NAMES);
    /** {@code a = ?, b = ?, …} */
    static final String ASSIGNMENTS = String.join(", ", NAMES.stream().map(name -> name + " = ?").toList());

    private static final String HEADER_SEPARATOR = ": ";

    /** The schema-2 statements that add the columns beyond schema 1, with the defaults' values. */
    static List<String> migrationToVersion2(String monitorsTable) {
        return List.of(
                "ALTER TABLE " + monitorsTable + " ADD COLUMN http_method TEXT NOT NULL DEFAULT 'GET'",
                "ALTER TABLE " + monitorsTable + " ADD COLUMN http_headers TEXT NOT NULL DEFAULT ''",
                "ALTER TABLE " + monitorsTable + " ADD COLUMN http_auth TEXT NOT NULL DEFAULT 'NONE'",
                "ALTER TABLE " + monitorsTable + " ADD COLUMN http_auth_user TEXT NOT NULL DEFAULT ''",
                "ALTER TABLE " + monitorsTable + " ADD COLUMN http_auth_secret TEXT NOT NULL DEFAULT ''",
                "ALTER TABLE " + monitorsTable + " ADD COLUMN http_redirect_mode TEXT NOT NULL DEFAULT 'FOLLOW'",
                "ALTER TABLE " + monitorsTable + " ADD COLUMN http_version TEXT NOT NULL DEFAULT 'HTTP_1_1'",
                "ALTER TABLE " + monitorsTable + " ADD COLUMN tls_trust TEXT NOT NULL DEFAULT 'SYSTEM'",
                "ALTER TABLE " + monitorsTable + " ADD COLUMN tls_source TEXT NOT NULL DEFAULT ''",
                "ALTER TABLE " + monitorsTable + " ADD COLUMN tls_secret TEXT NOT NULL DEFAULT ''",
                "ALTER TABLE " + monitorsTable + " ADD COLUMN certificate_expiry_days_min INTEGER NOT NULL DEFAULT 0",
                "ALTER TABLE " + monitorsTable + " ADD COLUMN dns_record_type TEXT NOT NULL DEFAULT 'A'",
                "ALTER TABLE " + monitorsTable + " ADD COLUMN dns_server TEXT NOT NULL DEFAULT ''",
                "ALTER TABLE " + monitorsTable + " ADD COLUMN dns_expected_answer TEXT NOT NULL DEFAULT ''");
    }

    private SettingsColumns() {
    }

    /** Sets the {@link #NAMES} columns from parameter {@code first} on; returns the next index. */
    static int bind(PreparedStatement statement, int first, MonitorSettings settings) throws SQLException {
        HttpOptions http = settings.options() instanceof HttpOptions options ? options : HttpOptions.DEFAULTS;
        DnsOptions dns = settings.options() instanceof DnsOptions options ? options : DnsOptions.DEFAULTS;
        int i = first;
        statement.setString(i++, settings.type().name());
        statement.setString(i++, settings.target());
        statement.setLong(i++, settings.intervalMs());
        statement.setLong(i++, settings.timeoutMs());
        statement.setInt(i++, settings.retryAttempts());
        statement.setInt(i++, http.expectedStatusMin());
        statement.setInt(i++, http.expectedStatusMax());
        statement.setString(i++, http.keyword());
        statement.setInt(i++, http.redirectsMax());
        statement.setString(i++, http.method().name());
        statement.setString(i++, encodeHeaders(http.headers()));
        String[] auth = switch (http.auth()) {
            case Auth.None ignored -> new String[] {"NONE", "", ""};
            case Auth.Basic basic -> new String[] {"BASIC", basic.username(), basic.password()};
            case Auth.Bearer bearer -> new String[] {"BEARER", "", bearer.token()};
        };
        statement.setString(i++, auth[0]);
        statement.setString(i++, auth[1]);
        statement.setString(i++, auth[2]);
        statement.setString(i++, http.redirectMode().name());
        statement.setString(i++, http.version().name());
        String[] tls = switch (http.tls()) {
            case Tls.SystemTrust ignored -> new String[] {"SYSTEM", "", ""};
            case Tls.PemTrust pem -> new String[] {"PEM", pem.certificatesPem(), ""};
            case Tls.TrustStore store -> new String[] {store.storeType().name(), store.path(), store.password()};
            case Tls.Insecure ignored -> new String[] {"INSECURE", "", ""};
        };
        statement.setString(i++, tls[0]);
        statement.setString(i++, tls[1]);
        statement.setString(i++, tls[2]);
        statement.setInt(i++, http.certificateExpiryDaysMin());
        statement.setString(i++, dns.recordType().name());
        statement.setString(i++, dns.server());
        statement.setString(i++, dns.expectedAnswer());
        return i;
    }

    /** The settings of the current row; a row the rules reject throws (it is damaged or foreign). */
    static MonitorSettings read(ResultSet row) throws SQLException {
        ProbeOptions options = switch (MonitorType.valueOf(row.getString("type"))) {
            case HTTP -> new HttpOptions(
                    HttpOptions.Method.valueOf(row.getString("http_method")),
                    decodeHeaders(row.getString("http_headers")),
                    auth(row.getString("http_auth"), row.getString("http_auth_user"), row.getString("http_auth_secret")),
                    row.getInt("expected_status_min"),
                    row.getInt("expected_status_max"),
                    row.getString("keyword"),
                    HttpOptions.RedirectMode.valueOf(row.getString("http_redirect_mode")),
                    row.getInt("redirects_max"),
                    tls(row.getString("tls_trust"), row.getString("tls_source"), row.getString("tls_secret")),
                    row.getInt("certificate_expiry_days_min"),
                    HttpOptions.Version.valueOf(row.getString("http_version")));
            case TCP -> TcpOptions.DEFAULTS;
            case DNS -> new DnsOptions(DnsOptions.RecordType.valueOf(row.getString("dns_record_type")),
                    row.getString("dns_server"), row.getString("dns_expected_answer"));
        };
        return new MonitorSettings(row.getString("target"), row.getLong("interval_ms"), row.getLong("timeout_ms"),
                row.getInt("retry_attempts"), options);
    }

    private static Auth auth(String kind, String user, String secret) {
        return switch (kind) {
            case "NONE" -> Auth.NONE;
            case "BASIC" -> new Auth.Basic(user, secret);
            case "BEARER" -> new Auth.Bearer(secret);
            default -> throw new IllegalArgumentException("unknown http_auth '" + kind + "'");
        };
    }

    private static Tls tls(String kind, String source, String secret) {
        return switch (kind) {
            case "SYSTEM" -> Tls.SYSTEM;
            case "PEM" -> new Tls.PemTrust(source);
            case "PKCS12", "JKS" -> new Tls.TrustStore(source, secret, Tls.StoreType.valueOf(kind));
            case "INSECURE" -> new Tls.Insecure();
            default -> throw new IllegalArgumentException("unknown tls_trust '" + kind + "'");
        };
    }

    static String encodeHeaders(Map<String, String> headers) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(headers).forEach((name, value) -> {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(name).append(HEADER_SEPARATOR).append(value);
        });
        return text.toString();
    }

    static Map<String, String> decodeHeaders(String text) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return headers;
        }
        for (String line : text.split("\n", -1)) {
            int separator = line.indexOf(HEADER_SEPARATOR);
            if (separator <= 0) {
                throw new IllegalArgumentException("stored header line without ': '");
            }
            headers.put(line.substring(0, separator), line.substring(separator + HEADER_SEPARATOR.length()));
        }
        return headers;
    }
}
