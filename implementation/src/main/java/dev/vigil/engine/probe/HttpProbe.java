package dev.vigil.engine.probe;

import dev.vigil.engine.HttpOptions;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.runtime.EngineClock;
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
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * HTTP(S) with the JDK's client: up when the final status is in the expected range and, if a
 * keyword is set, the first {@value #BODY_BYTES_MAX} bytes of the body contain it. Redirects are
 * followed by hand, at most {@code redirectsMax}, http and https only. TLS certificates are
 * verified (the JDK's defaults); there is no switch to trust everything.
 */
final class HttpProbe implements Probe {
    /** How much of a body is searched for the keyword. */
    static final int BODY_BYTES_MAX = HttpOptions.BODY_BYTES_SEARCHED;
    private static final int CAUSES_MAX = 8;

    private final EngineClock clock;
    private final HttpClient client;

    HttpProbe(EngineClock clock) {
        this.clock = clock;
        // NEVER: redirects are counted and restricted to http(s) here, not left to the client.
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public ProbeResult probe(MonitorSettings settings) throws InterruptedException {
        long startedMs = clock.monotonicMs();
        URI target = URI.create(settings.target());
        try {
            for (int redirects = 0; ; redirects++) {
                HttpRequest request = HttpRequest.newBuilder(target)
                        .timeout(Duration.ofMillis(settings.timeoutMs()))
                        .header("User-Agent", "vigil/0.1")
                        .GET()
                        .build();
                HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                Optional<String> location = response.headers().firstValue("Location");
                if (status >= 300 && status < 400 && location.isPresent()) {
                    response.body().close();
                    if (redirects >= settings.httpOptions().redirectsMax()) {
                        return ProbeResult.down(elapsed(startedMs), "too many redirects (more than " + settings.httpOptions().redirectsMax() + ")");
                    }
                    URI next = target.resolve(location.get());
                    String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
                    if (!scheme.equals("http") && !scheme.equals("https")) {
                        return ProbeResult.down(elapsed(startedMs), "redirect to a non-HTTP location: " + next);
                    }
                    target = next;
                    continue;
                }
                return judge(settings, response, startedMs);
            }
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
            return ProbeResult.down(elapsed(startedMs), describe(e));
        } catch (IllegalArgumentException e) {
            return ProbeResult.down(elapsed(startedMs), "invalid request: " + e.getMessage());
        }
    }

    private ProbeResult judge(MonitorSettings settings, HttpResponse<InputStream> response, long startedMs) throws IOException {
        HttpOptions http = settings.httpOptions();
        int status = response.statusCode();
        boolean inRange = status >= http.expectedStatusMin() && status <= http.expectedStatusMax();
        if (!inRange) {
            response.body().close();
            return ProbeResult.down(elapsed(startedMs),
                    "HTTP " + status + " (expected " + http.expectedStatusMin() + "–" + http.expectedStatusMax() + ")");
        }
        if (http.keyword().isEmpty()) {
            response.body().close();
            return ProbeResult.up(elapsed(startedMs), "HTTP " + status);
        }
        byte[] head;
        try (InputStream body = response.body()) {
            head = body.readNBytes(BODY_BYTES_MAX);
        }
        boolean found = new String(head, StandardCharsets.UTF_8).contains(http.keyword());
        return found
                ? ProbeResult.up(elapsed(startedMs), "HTTP " + status + ", keyword found")
                : ProbeResult.down(elapsed(startedMs), "keyword '" + http.keyword() + "' not found in first " + BODY_BYTES_MAX + " bytes");
    }

    private long elapsed(long startedMs) {
        return Math.max(0, clock.monotonicMs() - startedMs);
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> kind) {
        // Bounded: a cause chain can be a cycle.
        Throwable cause = error;
        for (int depth = 0; cause != null && depth < CAUSES_MAX; depth++, cause = cause.getCause()) {
            if (kind.isInstance(cause)) {
                return true;
            }
        }
        return false;
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
