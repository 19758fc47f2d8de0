package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpOptionsTest {
    private static final HttpOptions BASE = HttpOptions.DEFAULTS;

    private static void rejected(Runnable build, String field, String reason) {
        assertThatThrownBy(build::run)
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(((InvalidSettingsException) e).field()).isEqualTo(field));
    }

    @Test
    void defaultsAreGetHttp11FollowFiveRedirectsSystemTrust() {
        assertThat(BASE.method()).isEqualTo(HttpOptions.Method.GET);
        assertThat(BASE.version()).isEqualTo(HttpOptions.Version.HTTP_1_1);
        assertThat(BASE.redirectMode()).isEqualTo(HttpOptions.RedirectMode.FOLLOW);
        assertThat(BASE.redirectsMax()).isEqualTo(5);
        assertThat(BASE.tls()).isEqualTo(HttpOptions.Tls.SYSTEM);
        assertThat(BASE.auth()).isEqualTo(HttpOptions.Auth.NONE);
        assertThat(BASE.certificateExpiryDaysMin()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Host", "connection", "Content-Length", "Expect", "UPGRADE"})
    void headersTheClientSetsItselfAreRejected(String name) {
        rejected(() -> BASE.withHeader(name, "x"), "header name", "not one the HTTP client sets itself");
    }

    @Test
    void headerNamesAndValuesAreValidated() {
        rejected(() -> BASE.withHeader("Bad Name", "x"), "header name", "a token");
        rejected(() -> BASE.withHeader("X-A", "line\r\nInjected: yes"), "header X-A value", "no line breaks");
        Map<String, String> twice = new HashMap<>(Map.of("X-A", "1", "x-a", "2"));
        rejected(() -> BASE.withHeaders(twice), "header name", "unique ignoring case");
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i <= HttpOptions.HEADERS_MAX; i++) {
            many.put("X-" + i, "v");
        }
        rejected(() -> BASE.withHeaders(many), "headers count", "allowed 0 … 50");
        assertThat(BASE.withHeader("X-A", "1").withHeader("x-a", "2").headers()).isEqualTo(Map.of("x-a", "2"));
    }

    @Test
    void anAuthorizationHeaderAndAnAuthAreOneOrTheOther() {
        assertThat(BASE.withHeader("Authorization", "Token abc").headers()).containsKey("Authorization");
        rejected(() -> BASE.withHeader("Authorization", "Token abc").withBearerToken("t"), "header name", "not Authorization when auth is set");
    }

    @Test
    void credentialsAreValidatedWithoutEchoingTheSecret() {
        rejected(() -> BASE.withBasicAuth("a:b", "pw"), "auth username", "without ':'");
        rejected(() -> BASE.withBasicAuth("ops", "pw\nX"), "auth password", "no line breaks");
        assertThatThrownBy(() -> BASE.withBearerToken("has space secret")).hasMessageNotContaining("secret");
        rejected(() -> BASE.withBearerToken(""), "auth token", "not empty");
    }

    @Test
    void aKeywordWithHeadIsRejectedEitherWayRound() {
        rejected(() -> BASE.withMethod(HttpOptions.Method.HEAD).withKeyword("ok"), "keyword", "a HEAD answer has no body");
        rejected(() -> BASE.withKeyword("ok").withMethod(HttpOptions.Method.HEAD), "keyword", "a HEAD answer has no body");
    }

    @Test
    void judgedRedirectsFollowNone() {
        HttpOptions judged = BASE.withRedirectsJudged();
        assertThat(judged.redirectsMax()).isZero();
        assertThat(judged.withRedirectsMax(2).redirectMode()).isEqualTo(HttpOptions.RedirectMode.FOLLOW);
        rejected(() -> new HttpOptions(HttpOptions.Method.GET, Map.of(), HttpOptions.Auth.NONE, 200, 299, "",
                HttpOptions.RedirectMode.JUDGE, 3, HttpOptions.Tls.SYSTEM, 0, HttpOptions.Version.HTTP_1_1), "redirectsMax", "allowed 0 … 0");
    }

    @Test
    void tlsTrustIsValidatedWhenConstructed() {
        rejected(() -> BASE.withTrustedCertificates("not a certificate"), "tls certificatesPem", "PEM text of X.509 certificates");
        rejected(() -> BASE.withTls(new HttpOptions.Tls.TrustStore(" ", "pw", HttpOptions.Tls.StoreType.PKCS12)),
                "tls trustStore path", "must not be blank");
        rejected(() -> BASE.withCertificateExpiryDaysMin(-1), "certificateExpiryDaysMin", "allowed 0 … 3650");
        rejected(() -> BASE.withCertificateExpiryDaysMin(3_651), "certificateExpiryDaysMin", "allowed 0 … 3650");
    }

    @Test
    void toStringNeverShowsASecret() {
        MonitorSettings settings = MonitorSettings.http("https://example.com/x?token=t0ken").withHttp(http -> http
                .withHeader("X-Api-Key", "k3y").withBasicAuth("ops", "passw0rd")
                .withTls(new HttpOptions.Tls.TrustStore("/trust.p12", "st0re", HttpOptions.Tls.StoreType.PKCS12)));
        assertThat(settings.toString()).doesNotContain("t0ken", "k3y", "passw0rd", "st0re").contains("X-Api-Key", "ops", "/trust.p12");
        assertThat(new HttpOptions.Auth.Bearer("b3arer").toString()).doesNotContain("b3arer");
    }
}
