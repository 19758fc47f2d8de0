package dev.vigil.engine.probe;

import dev.vigil.engine.HttpOptions.Tls;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The {@link SSLContext} of one monitor's {@link Tls} choice, built for that monitor's client
 * alone: the JVM-wide defaults ({@code SSLContext.setDefault}, {@code javax.net.ssl.trustStore})
 * are never touched, so one monitor's trust cannot widen another's.
 */
final class TlsContexts {
    private TlsContexts() {
    }

    /** A monitor's trust could not be set up: its trust store is unreadable, or its certificates unusable. */
    static final class SetupException extends IOException {
        private static final long serialVersionUID = 1L;

        SetupException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The context for {@code tls}; an unreadable trust store is a {@link SetupException} saying why. */
    static SSLContext forTrust(Tls tls) throws SetupException {
        try {
            return switch (tls) {
                case Tls.SystemTrust ignored -> SSLContext.getDefault();
                case Tls.PemTrust pem -> trusting(pemStore(pem.certificatesPem()));
                case Tls.TrustStore store -> trusting(loadStore(store));
                case Tls.Insecure ignored -> insecure();
            };
        } catch (GeneralSecurityException e) {
            throw new SetupException(e.getMessage(), e);
        } catch (IOException e) {
            throw new SetupException(e.getMessage(), e);
        }
    }

    private static SSLContext trusting(KeyStore trusted) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static KeyStore pemStore(String pem) throws GeneralSecurityException, IOException {
        Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                .generateCertificates(new java.io.ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int index = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("trusted-" + index++, certificate);
        }
        return store;
    }

    private static KeyStore loadStore(Tls.TrustStore trustStore) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(trustStore.storeType().name());
        try (InputStream in = Files.newInputStream(Path.of(trustStore.path()))) {
            store.load(in, trustStore.password().toCharArray());
        } catch (IOException e) {
            throw new IOException("trust store " + trustStore.path() + " unreadable: " + e.getMessage(), e);
        }
        return store;
    }

    private static SSLContext insecure() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustingEverything()}, null);
        return context;
    }

    /**
     * Accepts every chain. An {@link X509ExtendedTrustManager}, because JSSE then leaves the
     * host name check to the trust manager (a plain X509TrustManager would be wrapped in one
     * that still checks it): insecure means neither the chain nor the name is checked.
     */
    private static final class TrustingEverything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
