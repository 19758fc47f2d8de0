package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MonitorSettingsTest {
    @Test
    void acceptsTheDocumentedRanges() {
        MonitorSettings settings = MonitorSettings.http("https://example.com/health")
                .withIntervalMs(5_000).withTimeoutMs(300_000).withRetryAttempts(10).withExpectedStatus(200, 399).withKeyword("ok");
        assertThat(settings.attempts()).isEqualTo(11);
        assertThat(MonitorSettings.tcp("[::1]:8080").tcpHost()).isEqualTo("::1");
        assertThat(MonitorSettings.tcp("db.internal:5432").tcpPort()).isEqualTo(5432);
        assertThat(MonitorSettings.dns("example.com").target()).isEqualTo("example.com");
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
        "TCP  | example.com | host:port",
        "TCP  | example.com:0 | allowed 1 … 65535",
        "TCP  | example.com:http | a number 1 … 65535",
        "DNS  | bad host | a host name or IP address",
        "DNS  | '   ' | must not be blank",
    })
    void rejectsMalformedTargets(MonitorType type, String target, String expected) {
        assertThatThrownBy(() -> new MonitorSettings(type, target, 60_000, 5_000, 0, 200, 299, "", 0))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining(expected);
    }
}
