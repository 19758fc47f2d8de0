package dev.vigil.engine.probe;

import dev.vigil.engine.EngineClock;
import dev.vigil.engine.HttpOptions;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.Redaction;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * HTTP(S) with the JDK's client, as {@link HttpOptions} says: up when the final status is in the
 * expected range, the keyword (if any) is in the first {@value HttpOptions#BODY_BYTES_SEARCHED}
 * bytes of the body, and the server certificate (if checked) is not about to expire. Redirects
 * are followed by hand, at most {@code redirectsMax}, http and https only, or judged as the
 * answer. TLS is verified against the monitor's own trust. Every detail it returns is redacted
 * ({@link Redaction}): no query value or user info of a URL reaches the history.
 */
final class HttpProbe implements Probe {
    static final int BODY_BYTES_MAX = HttpOptions.BODY_BYTES_SEARCHED;
    private static final int CAUSES_MAX = 8;
    private static final long DAY_MS = TimeUnit.DAYS.toMillis(1);
    private static final String USER_AGENT = "vigil/0.1";

    private final EngineClock clock;
    private final HttpClients clients;

    HttpProbe(EngineClock clock) {
        this.clock = clock;
        this.clients = new HttpClients();
    }

    /** Loads the client's and TLS's code now rather than in the first check ({@link WarmUp}). */
    void warmUp() {
        clients.warmUp();
    }

    @Override
    public ProbeResult probe(MonitorSettings settings) throws InterruptedException {
        ProbeResult result = check(settings);
        return new ProbeResult(result.up(), result.responseTimeMs(), Redaction.redact(result.details()));
    }

    private ProbeResult check(MonitorSettings settings) throws InterruptedException {
        long startedMs = clock.monotonicMs();
        HttpOptions http = settings.httpOptions();
        URI target = URI.create(settings.target());
        try {
            HttpClient client = clients.forTrust(http.tls());
            for (int redirects = 0; ; redirects++) {
                HttpResponse<InputStream> response = client.send(request(target, settings, http, startedMs),
                        HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                Optional<String> location = response.headers().firstValue("Location");
                if (status >= 300 && status < 400 && location.isPresent() && http.redirectMode() == HttpOptions.RedirectMode.FOLLOW) {
                    response.body().close();
                    if (redirects >= http.redirectsMax()) {
                        return ProbeResult.down(elapsed(startedMs), "too many redirects (more than " + http.redirectsMax() + ")");
                    }
                    URI next = target.resolve(location.get());
                    String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
                    if (!scheme.equals("http") && !scheme.equals("https")) {
                        return ProbeResult.down(elapsed(startedMs), "redirect to a non-HTTP location: " + next);
                    }
                    target = next;
                    continue;
                }
                return judge(http, response, startedMs);
            }
        } catch (TlsContexts.SetupException e) {
            return ProbeResult.down(elapsed(startedMs), "TLS setup failed: " + e.getMessage());
        } catch (HttpConnectTimeoutException e) {
            // The JDK client counts the TLS handshake as part of connecting.
            return ProbeResult.down(elapsed(startedMs), "connect or TLS handshake timed out after " + settings.timeoutMs() + " ms");
        } catch (HttpTimeoutException e) {
            return ProbeResult.down(elapsed(startedMs), "timed out after " + settings.timeoutMs() + " ms");
        } catch (ConnectException e) {
            if (causedBy(e, UnresolvedAddressException.class)) {
                // The JDK client reports a name that does not resolve as a failed connect.
                return ProbeResult.down(elapsed(startedMs), "unknown host " + target.getHost());
            }
            return ProbeResult.down(elapsed(startedMs), "connection refused" + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (SSLException e) {
            return ProbeResult.down(elapsed(startedMs), "TLS failed: " + e.getMessage());
        } catch (IOException e) {
            SSLException tls = causeOf(e, SSLException.class);
            if (tls != null) {
                return ProbeResult.down(elapsed(startedMs), "TLS failed: " + tls.getMessage());
            }
            return ProbeResult.down(elapsed(startedMs), describe(e));
        } catch (IllegalArgumentException e) {
            return ProbeResult.down(elapsed(startedMs), "invalid request: " + e.getMessage());
        }
    }

    private HttpRequest request(URI target, MonitorSettings settings, HttpOptions http, long startedMs) {
        // Each redirect hop gets what is left of the attempt's time, not a fresh timeout.
        long leftMs = Math.max(1, settings.timeoutMs() - elapsed(startedMs));
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(Duration.ofMillis(leftMs))
                .version(http.version() == HttpOptions.Version.HTTP_2 ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .header("User-Agent", USER_AGENT)
                .method(http.method().name(), HttpRequest.BodyPublishers.noBody());
        http.headers().forEach(request::setHeader);
        switch (http.auth()) {
            case HttpOptions.Auth.None ignored -> {
            }
            case HttpOptions.Auth.Basic basic -> request.setHeader("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((basic.username() + ":" + basic.password()).getBytes(StandardCharsets.UTF_8)));
            case HttpOptions.Auth.Bearer bearer -> request.setHeader("Authorization", "Bearer " + bearer.token());
        }
        return request.build();
    }

    private ProbeResult judge(HttpOptions http, HttpResponse<InputStream> response, long startedMs) throws IOException {
        int status = response.statusCode();
        boolean inRange = status >= http.expectedStatusMin() && status <= http.expectedStatusMax();
        if (!inRange) {
            response.body().close();
            return ProbeResult.down(elapsed(startedMs),
                    "HTTP " + status + " (expected " + http.expectedStatusMin() + "–" + http.expectedStatusMax() + ")");
        }
        String certificate = "";
        if (http.certificateExpiryDaysMin() > 0) {
            Optional<Long> daysLeft = certificateDaysLeft(response.sslSession());
            if (daysLeft.isEmpty()) {
                response.body().close();
                return ProbeResult.down(elapsed(startedMs), "HTTP " + status + " but no server certificate to check (not https)");
            }
            if (daysLeft.get() < http.certificateExpiryDaysMin()) {
                response.body().close();
                return ProbeResult.down(elapsed(startedMs), "certificate expires in " + daysLeft.get() + " days (under "
                        + http.certificateExpiryDaysMin() + ")");
            }
            certificate = ", certificate expires in " + daysLeft.get() + " days";
        }
        if (http.keyword().isEmpty()) {
            response.body().close();
            return ProbeResult.up(elapsed(startedMs), "HTTP " + status + certificate);
        }
        byte[] head;
        try (InputStream body = response.body()) {
            head = body.readNBytes(BODY_BYTES_MAX);
        }
        boolean found = new String(head, StandardCharsets.UTF_8).contains(http.keyword());
        return found
                ? ProbeResult.up(elapsed(startedMs), "HTTP " + status + ", keyword found" + certificate)
                : ProbeResult.down(elapsed(startedMs), "keyword '" + http.keyword() + "' not found in first " + BODY_BYTES_MAX + " bytes");
    }

    /** Whole days until the server's own certificate expires, negative once expired; empty without TLS. */
    // X509Certificate hands out its expiry as a Date; it is turned into epoch milliseconds at once.
    @SuppressWarnings("JavaUtilDate")
    private Optional<Long> certificateDaysLeft(Optional<SSLSession> session) {
        if (session.isEmpty()) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = session.get().getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
                return Optional.empty();
            }
            return Optional.of(Math.floorDiv(leaf.getNotAfter().getTime() - clock.wallTimeMs(), DAY_MS));
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    private long elapsed(long startedMs) {
        return Math.max(0, clock.monotonicMs() - startedMs);
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> kind) {
        return causeOf(error, kind) != null;
    }

    private static <T extends Throwable> T causeOf(Throwable error, Class<T> kind) {
        // Bounded: a cause chain can be a cycle.
        Throwable cause = error;
        for (int depth = 0; cause != null && depth < CAUSES_MAX; depth++, cause = cause.getCause()) {
            if (kind.isInstance(cause)) {
                return kind.cast(cause);
            }
        }
        return null;
    }

    static String describe(IOException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
