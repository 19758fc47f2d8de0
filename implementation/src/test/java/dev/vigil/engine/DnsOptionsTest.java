package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DnsOptionsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'' | '' | 53",
        "127.0.0.1 | 127.0.0.1 | 53",
        "127.0.0.1:5353 | 127.0.0.1 | 5353",
        "ns1.example.com:53 | ns1.example.com | 53",
        "[::1]:5353 | ::1 | 5353",
        "[2001:db8::53] | 2001:db8::53 | 53",
    })
    void theServerIsAHostAndAnOptionalPort(String server, String host, int port) {
        DnsOptions options = DnsOptions.DEFAULTS.withServer(server);
        assertThat(options.server()).isEqualTo(server);
        if (!server.isEmpty()) {
            assertThat(options.serverHost()).isEqualTo(host);
            assertThat(options.serverPort()).isEqualTo(port);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "dns_server:53 | dns server",
        "127.0.0.1:0 | dns server port",
        "127.0.0.1:65536 | dns server port",
        "::1 | dns server",
    })
    void aBadServerIsRejected(String server, String field) {
        assertThatThrownBy(() -> DnsOptions.DEFAULTS.withServer(server))
                .isInstanceOf(InvalidSettingsException.class)
                .satisfies(e -> assertThat(((InvalidSettingsException) e).field()).isEqualTo(field));
    }

    @Test
    void anExpectedAddressMustBeAnAddressOfTheAskedFamily() {
        assertThat(DnsOptions.DEFAULTS.withExpectedAnswer("192.0.2.1").expectedAnswer()).isEqualTo("192.0.2.1");
        assertThatThrownBy(() -> DnsOptions.DEFAULTS.withExpectedAnswer("www.example.com"))
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("an IPv4 address");
        assertThatThrownBy(() -> DnsOptions.DEFAULTS.withRecordType(DnsOptions.RecordType.AAAA).withExpectedAnswer("192.0.2.1"))
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("an IPv6 address");
        assertThat(DnsOptions.DEFAULTS.withRecordType(DnsOptions.RecordType.CNAME).withExpectedAnswer("www.example.com").expectedAnswer())
                .isEqualTo("www.example.com");
    }

    @Test
    void dnsOptionsBelongToDnsMonitorsOnly() {
        assertThatThrownBy(() -> MonitorSettings.http("http://example.com/").withDns(dns -> dns))
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("only DNS monitors have it; this is a HTTP monitor");
        assertThatThrownBy(() -> MonitorSettings.tcp("db:5432").withDns(dns -> dns)).isInstanceOf(InvalidSettingsException.class);
    }
}
