package dev.vigil.engine.probe;

import dev.vigil.engine.HttpOptions.Tls;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JDK {@link HttpClient} per distinct TLS trust, so monitors that trust alike share
 * connections and a monitor's own trust applies to it alone. Bounded: at most
 * {@value #CLIENTS_MAX} clients with their own trust are kept, least recently used first out
 * (an evicted client is shut down gracefully: requests in flight finish). The system-trust
 * client, which almost every monitor uses, is built at once and never evicted.
 *
 * <p>Redirects are never followed by the client ({@link HttpClient.Redirect#NEVER}): the probe
 * counts them and refuses non-http(s) locations itself.
 */
final class HttpClients {
    static final int CLIENTS_MAX = 64;

    private final HttpClient systemTrust;
    private final Map<Tls, HttpClient> byTrust = new LinkedHashMap<>(16, 0.75f, true);

    HttpClients() {
        try {
            this.systemTrust = build(Tls.SYSTEM);
        } catch (TlsContexts.SetupException e) {
            throw new IllegalStateException("the JVM's default TLS context is unusable: " + e.getMessage(), e);
        }
    }

    /** Runs {@link WarmUp} on the system-trust client, which every other client's TLS code shares. */
    void warmUp() {
        WarmUp.run(systemTrust);
    }

    /** The client for {@code tls}; building one reads a trust store, which may fail. */
    HttpClient forTrust(Tls tls) throws TlsContexts.SetupException {
        if (tls instanceof Tls.SystemTrust) {
            return systemTrust;
        }
        synchronized (byTrust) {
            HttpClient cached = byTrust.get(tls);
            if (cached != null) {
                return cached;
            }
        }
        HttpClient built = build(tls);
        HttpClient evicted = null;
        synchronized (byTrust) {
            HttpClient raced = byTrust.putIfAbsent(tls, built);
            if (raced != null) {
                built.shutdown();
                return raced;
            }
            if (byTrust.size() > CLIENTS_MAX) {
                Map.Entry<Tls, HttpClient> eldest = byTrust.entrySet().iterator().next();
                evicted = eldest.getValue();
                byTrust.remove(eldest.getKey());
            }
        }
        if (evicted != null) {
            evicted.shutdown();
        }
        return built;
    }

    private static HttpClient build(Tls tls) throws TlsContexts.SetupException {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(TlsContexts.forTrust(tls))
                .build();
    }
}
