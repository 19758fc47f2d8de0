package dev.vigil.engine.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.TrustManagerFactory;

/**
 * Makes a fresh JVM's first check as fast as its later ones, so that a healthy target is not
 * judged DOWN because the first check paid for loading the HTTP client and TLS code (measured in
 * BENCHMARKS.md, "Cold first check": on a loaded 2-core machine a first HTTPS check took over
 * 1 s, more than the shortest timeout). Best effort: each step is bounded ({@value #BUDGET_MS} ms,
 * {@value #HANDSHAKE_STEPS_MAX} handshake rounds), and a failed step is skipped, logged at DEBUG:
 *
 * <ol>
 *   <li>one real HTTP exchange between the client and a loopback socket of its own, answered on
 *       the calling thread (the JDK client sends on its own threads), which loads the whole
 *       request and response path;</li>
 *   <li>a complete TLS handshake between two in-memory engines, the server presenting a
 *       throw-away certificate ({@link WarmUpCertificate}) that the client validates through a
 *       PKIX trust manager: the TLS, certificate-path and signature code. No byte leaves the
 *       process.</li>
 * </ol>
 */
final class WarmUp {
    static final long BUDGET_MS = 2_000;
    private static final System.Logger LOG = System.getLogger(WarmUp.class.getName());
    private static final int REQUEST_BYTES_MAX = 16_384;
    private static final int HANDSHAKE_STEPS_MAX = 20;
    private static final byte[] RESPONSE = "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private WarmUp() {
    }

    static void run(HttpClient client) {
        try {
            exchange(client);
        } catch (IOException | RuntimeException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.log(System.Logger.Level.DEBUG, "HTTP warm-up skipped: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            handshake();
        } catch (IOException | RuntimeException | GeneralSecurityException e) {
            LOG.log(System.Logger.Level.DEBUG, "TLS warm-up skipped: " + e);
        }
    }

    static void exchange(HttpClient client)
            throws IOException, InterruptedException, java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listening.setSoTimeout((int) BUDGET_MS);
            URI own = URI.create("http://127.0.0.1:" + listening.getLocalPort() + "/vigil-warm-up");
            CompletableFuture<HttpResponse<Void>> response = client.sendAsync(
                    HttpRequest.newBuilder(own).timeout(Duration.ofMillis(BUDGET_MS)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            try (Socket accepted = listening.accept()) {
                accepted.setSoTimeout((int) BUDGET_MS);
                readRequestHead(accepted.getInputStream());
                OutputStream out = accepted.getOutputStream();
                out.write(RESPONSE);
                out.flush();
            }
            response.get(BUDGET_MS, TimeUnit.MILLISECONDS);
        }
    }

    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int read = 0; read < REQUEST_BYTES_MAX; read++) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == end.length) {
                return;
            }
        }
    }

    /**
     * A complete TLS handshake between two in-memory engines: the server presents a throw-away
     * certificate, the client validates it through a PKIX trust manager like the real ones.
     */
    static void handshake() throws GeneralSecurityException, IOException {
        WarmUpCertificate issued = WarmUpCertificate.create();
        char[] password = new char[0];
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("warm-up", issued.keys().getPrivate(), password, new X509Certificate[] {issued.certificate()});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keyManagers.getKeyManagers(), null, null);

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("warm-up", issued.certificate());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);
        SSLContext clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, trustManagers.getTrustManagers(), null);

        SSLEngine client = clientContext.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        SSLEngine server = serverContext.createSSLEngine();
        server.setUseClientMode(false);
        int packetBytes = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
        int applicationBytes = Math.max(client.getSession().getApplicationBufferSize(), server.getSession().getApplicationBufferSize());
        ByteBuffer toServer = ByteBuffer.allocate(packetBytes);
        ByteBuffer toClient = ByteBuffer.allocate(packetBytes);
        ByteBuffer clientIn = ByteBuffer.allocate(applicationBytes);
        ByteBuffer serverIn = ByteBuffer.allocate(applicationBytes);
        ByteBuffer empty = ByteBuffer.allocate(0);
        client.beginHandshake();
        server.beginHandshake();
        for (int step = 0; step < HANDSHAKE_STEPS_MAX && !(finished(client) && finished(server)); step++) {
            client.wrap(empty, toServer);
            runTasks(client);
            toServer.flip();
            server.unwrap(toServer, serverIn);
            toServer.compact();
            runTasks(server);
            server.wrap(empty, toClient);
            runTasks(server);
            toClient.flip();
            client.unwrap(toClient, clientIn);
            toClient.compact();
            runTasks(client);
        }
        if (!finished(client) || !finished(server)) {
            throw new IOException("the in-memory handshake did not finish in " + HANDSHAKE_STEPS_MAX + " steps");
        }
    }

    private static boolean finished(SSLEngine engine) {
        SSLEngineResult.HandshakeStatus status = engine.getHandshakeStatus();
        return status == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING || status == SSLEngineResult.HandshakeStatus.FINISHED;
    }

    private static void runTasks(SSLEngine engine) {
        for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
            task.run();
        }
    }
}
