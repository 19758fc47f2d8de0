package dev.vigil.engine.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Self-signed certificates for HTTPS tests, made by the {@code keytool} of the JDK running the
 * tests (no test dependency): a key store for the server, the certificate as PEM for a
 * monitor's trust, and a trust store file holding only the certificate.
 */
public final class TestCertificates {
    public static final String PASSWORD = "changeit";
    private static final long KEYTOOL_WAIT_S = 60;

    /**
     * One self-signed certificate and its key.
     *
     * @param keyStore   PKCS12 with the private key, for the server
     * @param trustStore PKCS12 with the certificate only, for a client's trust store
     * @param pem        the certificate, PEM
     */
    public record Issued(Path keyStore, Path trustStore, String pem) {
        /** A server-side context presenting this certificate. */
        public SSLContext serverContext() throws IOException, GeneralSecurityException {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                store.load(in, PASSWORD.toCharArray());
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        }

        /** When the certificate expires, epoch milliseconds. */
        // X509Certificate hands out its expiry as a Date only.
        @SuppressWarnings("JavaUtilDate")
        public long notAfterMs() throws GeneralSecurityException {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            return certificate.getNotAfter().getTime();
        }
    }

    private TestCertificates() {
    }

    /**
     * A certificate for {@code subjectAlternativeNames} (keytool syntax, e.g.
     * {@code ip:127.0.0.1,dns:localhost}), valid for {@code validityDays} from now.
     */
    public static Issued selfSigned(Path directory, String alias, String subjectAlternativeNames, int validityDays)
            throws IOException, InterruptedException {
        Path keyStore = directory.resolve(alias + ".p12");
        Path trustStore = directory.resolve(alias + "-trust.p12");
        Path certificate = directory.resolve(alias + ".pem");
        keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + alias,
                "-ext", "SAN=" + subjectAlternativeNames, "-validity", String.valueOf(validityDays),
                "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", alias, "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", alias, "-file", certificate.toString(), "-keystore", trustStore.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD);
        return new Issued(keyStore, trustStore, Files.readString(certificate, StandardCharsets.US_ASCII));
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(KEYTOOL_WAIT_S, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("keytool did not finish in " + KEYTOOL_WAIT_S + " s: " + command);
        }
        if (process.exitValue() != 0) {
            throw new IOException("keytool failed (" + process.exitValue() + "): " + output);
        }
    }
}
