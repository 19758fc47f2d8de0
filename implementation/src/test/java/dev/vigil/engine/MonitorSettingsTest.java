package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MonitorSettingsTest {
    private static MonitorSettings of(MonitorType type, String target) {
        return switch (type) {
            case HTTP -> MonitorSettings.http(target);
            case TCP -> MonitorSettings.tcp(target);
            case DNS -> MonitorSettings.dns(target);
        };
    }

    @Test
    void acceptsTheDocumentedRanges() {
        MonitorSettings settings = MonitorSettings.http("https://example.com/health")
                .withIntervalMs(5_000).withTimeoutMs(300_000).withRetryAttempts(10).withExpectedStatus(200, 399).withKeyword("ok");
        assertThat(settings.attempts()).isEqualTo(11);
        assertThat(settings.type()).isEqualTo(MonitorType.HTTP);
        assertThat(settings.httpOptions()).isEqualTo(HttpOptions.DEFAULTS.withExpectedStatus(200, 399).withKeyword("ok"));
        assertThat(MonitorSettings.tcp("[::1]:8080").tcpHost()).isEqualTo("::1");
        assertThat(MonitorSettings.tcp("db.internal:5432").tcpPort()).isEqualTo(5432);
        assertThat(MonitorSettings.dns("example.com").target()).isEqualTo("example.com");
    }

    @Test
    void theWithChainTheHarnessUsesWorksUnchanged() {
        MonitorSettings settings = MonitorSettings.http("http://m1.vigil.invalid/").withIntervalMs(1_000).withTimeoutMs(5_000).withRetryAttempts(2);
        assertThat(settings).isEqualTo(new MonitorSettings("http://m1.vigil.invalid/", 1_000, 5_000, 2, HttpOptions.DEFAULTS));
    }

    @ParameterizedTest
    @CsvSource({
        "intervalMs, 999, allowed 1000 … 2592000000",
        "timeoutMs, 999, allowed 1000 … 300000",
        "timeoutMs, 300001, allowed 1000 … 300000",
        "retryAttempts, 11, allowed 0 … 10",
    })
    void rejectsOutOfRangeNumbersNamingFieldValueAndRange(String field, long value, String allowed) {
        MonitorSettings base = MonitorSettings.http("http://localhost/");
        assertThatThrownBy(() -> {
            MonitorSettings ignored = switch (field) {
                case "intervalMs" -> base.withIntervalMs(value);
                case "timeoutMs" -> base.withTimeoutMs(value);
                default -> base.withRetryAttempts((int) value);
            };
        })
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessage(field + " = " + value + " is invalid: " + allowed)
                .satisfies(e -> assertThat(((InvalidSettingsException) e).field()).isEqualTo(field));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "HTTP | ftp://example.com/ | an http:// or https:// URL",
        "HTTP | http:// | a valid http(s) URL",
        "HTTP | 'http://exa mple.com/' | a valid http(s) URL",
        "HTTP | http:///path | a URL with a host",
        "TCP  | example.com | host:port",
        "TCP  | example.com:0 | allowed 1 … 65535",
        "TCP  | example.com:70000 | allowed 1 … 65535",
        "TCP  | example.com:http | a number 1 … 65535",
        "TCP  | '[]:80' | a bracketed IPv6 address",
        "DNS  | bad host | a DNS name",
        "DNS  | 192.0.2.1 | not an IP address",
        "DNS  | '   ' | must not be blank",
    })
    void rejectsMalformedTargets(MonitorType type, String target, String expected) {
        assertThatThrownBy(() -> of(type, target))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining(expected);
    }

    // ---------------------------------------------------------------- URL ports

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://127.0.0.1:99999/ | target port = 99999 is invalid: allowed 1 … 65535",
        "http://127.0.0.1:65536/ | target port = 65536 is invalid: allowed 1 … 65535",
        "http://127.0.0.1:0/ | target port = 0 is invalid: allowed 1 … 65535",
        "http://[::1]:99999/ | target port = 99999 is invalid: allowed 1 … 65535",
        "http://example.com:99999999999/ | target port = '99999999999' is invalid: a number 1 … 65535",
    })
    void rejectsUrlPortsOutside1To65535LikeTcp(String url, String message) {
        assertThatThrownBy(() -> MonitorSettings.http(url))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:1/", "http://127.0.0.1:65535/", "https://[::1]:8443/x", "http://example.com:/"})
    void acceptsUrlPortsAtTheEdges(String url) {
        assertThat(MonitorSettings.http(url).target()).isEqualTo(url);
    }

    // ---------------------------------------------------------------- user info

    @ParameterizedTest
    @ValueSource(strings = {"http://user:secret@example.com/", "https://secret@example.com/health", "http://:secret@example.com/"})
    void rejectsUserInfoSayingHowToPassCredentialsAndNeverEchoesTheSecret(String url) {
        assertThatThrownBy(() -> MonitorSettings.http(url))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("a URL without user info")
                .hasMessageContaining("withBasicAuth")
                .hasMessageNotContaining("secret")
                .satisfies(e -> assertThat(((InvalidSettingsException) e).field()).isEqualTo("target"));
    }

    // ---------------------------------------------------------------- one host rule

    @ParameterizedTest
    @ValueSource(strings = {"host_with_underscore", "-leading-hyphen", "trailing-hyphen-", "a..b", "ünïcode.example"})
    void oneHostRuleRejectsTheSameHostsInHttpTcpAndDns(String host) {
        assertThatThrownBy(() -> MonitorSettings.http("http://" + host + "/")).isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("'" + host + "'");
        assertThatThrownBy(() -> MonitorSettings.tcp(host + ":80")).isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("'" + host + "'");
        assertThatThrownBy(() -> MonitorSettings.dns(host)).isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("'" + host + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "a-b.example.com.", "xn--nxasmq6b.example", "localhost", "db1"})
    void oneHostRuleAcceptsTheSameHostsInHttpTcpAndDns(String host) {
        assertThat(MonitorSettings.http("http://" + host + "/").target()).isEqualTo("http://" + host + "/");
        assertThat(MonitorSettings.tcp(host + ":80").tcpHost()).isEqualTo(host);
        assertThat(MonitorSettings.dns(host).target()).isEqualTo(host);
    }

    @Test
    void aDnsNameMayHaveLabelsThatStartWithAnUnderscore() {
        assertThat(MonitorSettings.dns("_dmarc.example.com").target()).isEqualTo("_dmarc.example.com");
        assertThat(MonitorSettings.dns("_sip._tcp.example.com").target()).isEqualTo("_sip._tcp.example.com");
        assertThatThrownBy(() -> MonitorSettings.http("http://_dmarc.example.com/")).isInstanceOf(InvalidSettingsException.class);
    }

    @Test
    void ipAddressesAreHostsForHttpAndTcp() {
        assertThat(MonitorSettings.http("http://192.0.2.1:8080/").target()).isEqualTo("http://192.0.2.1:8080/");
        assertThat(MonitorSettings.http("http://[2001:db8::1]/").target()).isEqualTo("http://[2001:db8::1]/");
        assertThat(MonitorSettings.tcp("192.0.2.1:22").tcpHost()).isEqualTo("192.0.2.1");
    }

    // ---------------------------------------------------------------- options of another type

    @Test
    void httpOptionsOnATcpOrDnsMonitorAreRejectedNamingTheOption() {
        for (MonitorSettings other : new MonitorSettings[] {MonitorSettings.tcp("db:5432"), MonitorSettings.dns("example.com")}) {
            String type = other.type().name();
            assertThatThrownBy(() -> other.withKeyword("ok"))
                    .isInstanceOf(InvalidSettingsException.class)
                    .hasMessage("keyword = 'ok' is invalid: only HTTP monitors have it; this is a " + type + " monitor");
            assertThatThrownBy(() -> other.withExpectedStatus(200, 204))
                    .isInstanceOf(InvalidSettingsException.class)
                    .hasMessage("expectedStatus = 200 … 204 is invalid: only HTTP monitors have it; this is a " + type + " monitor");
            assertThatThrownBy(() -> other.withRedirectsMax(0))
                    .isInstanceOf(InvalidSettingsException.class)
                    .hasMessageContaining("redirectsMax = 0 is invalid: only HTTP monitors have it");
            assertThatThrownBy(() -> other.withHttp(http -> http))
                    .isInstanceOf(InvalidSettingsException.class)
                    .hasMessageContaining("only HTTP monitors have it");
        }
    }

    @Test
    void theOptionsDecideTheType() {
        assertThat(MonitorSettings.tcp("db:5432").options()).isEqualTo(TcpOptions.DEFAULTS);
        assertThat(MonitorSettings.dns("example.com").type()).isEqualTo(MonitorType.DNS);
        assertThatThrownBy(() -> new MonitorSettings("http://example.com/", 60_000, 5_000, 0, null))
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("options");
        // The same target read as another type's is judged by that type's rule.
        assertThatThrownBy(() -> new MonitorSettings("http://example.com/", 60_000, 5_000, 0, TcpOptions.DEFAULTS))
                .isInstanceOf(InvalidSettingsException.class);
    }

    @ParameterizedTest
    @CsvSource({"99, 299, expectedStatusMin", "200, 600, expectedStatusMax", "300, 299, expectedStatusMax"})
    void httpStatusRangeIsValidated(int min, int max, String field) {
        assertThatThrownBy(() -> MonitorSettings.http("http://example.com/").withExpectedStatus(min, max))
                .isInstanceOf(InvalidSettingsException.class)
                .satisfies(e -> assertThat(((InvalidSettingsException) e).field()).isEqualTo(field));
    }
}
