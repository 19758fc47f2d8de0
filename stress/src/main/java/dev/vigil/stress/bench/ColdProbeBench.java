package dev.vigil.stress.bench;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.vigil.engine.EngineClock;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.probe.Probe;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.probe.Probes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The first check of a fresh JVM against the checks after it: each run is a new JVM that builds
 * the standard probes, checks a healthy loopback server once (cold), then
 * {@value #WARM_CHECKS} more times (warm, the connection kept alive), then {@value #WARM_CHECKS}
 * times on a new connection each (warm code, but TCP and TLS handshakes every time). Plain HTTP and HTTPS (a self-signed server that
 * the measuring JVM's default trust store holds, so the monitor uses the system trust, as most
 * do) run in separate JVMs, each with {@code Probes.standard} and
 * with {@code Probes.warmed} (what the production runtime uses). Prints each run and the medians.
 * Figures only: nothing is asserted.
 *
 * <p>Usage: {@code java -cp stress/target/benchmarks.jar dev.vigil.stress.bench.ColdProbeBench [runs]}
 */
public final class ColdProbeBench {
    static final int WARM_CHECKS = 10;
    private static final int RUNS_DEFAULT = 7;
    private static final long CHILD_WAIT_S = 120;
    private static Path trustStore;

    private ColdProbeBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            child(args[1], args[2].equals("warmed"), true);
            return;
        }
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : RUNS_DEFAULT;
        Path directory = Files.createTempDirectory("vigil-cold-probe");
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(serverContext(directory)));
        // This JVM warms the servers up through its own default trust, as the measuring JVMs do.
        System.setProperty("javax.net.ssl.trustStore", trustStore.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
        for (HttpServer server : List.of(http, https)) {
            server.createContext("/health", exchange -> {
                if (exchange.getRequestURI().getPath().endsWith("/new-connection")) {
                    exchange.getResponseHeaders().add("Connection", "close");
                }
                byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
        }
        try {
            String httpUrl = "http://127.0.0.1:" + http.getAddress().getPort() + "/health";
            String httpsUrl = "https://127.0.0.1:" + https.getAddress().getPort() + "/health";
            // The servers' own first requests are not what is measured.
            for (int i = 0; i < 3; i++) {
                child(httpUrl, false, false);
                child(httpsUrl, false, false);
            }
            System.out.printf("cold probe: %d fresh JVMs per protocol, %d warm checks each, load average %s on %d cores%n", runs,
                    WARM_CHECKS, Files.readString(Path.of("/proc/loadavg")).split(" ")[0], Runtime.getRuntime().availableProcessors());
            for (String mode : List.of("standard", "warmed")) {
                for (String url : List.of(httpUrl, httpsUrl)) {
                    String name = (url.startsWith("https") ? "https" : "http") + " " + mode;
                    List<double[]> results = new ArrayList<>();
                    for (int run = 0; run < runs; run++) {
                        double[] figures = spawn(url, mode);
                        results.add(figures);
                        System.out.printf("  %-14s run %d: build %.1f ms, first check %.1f ms, warm %.1f ms, warm on a new connection %.1f ms%n",
                                name, run + 1, figures[0], figures[1], figures[2], figures[3]);
                    }
                    System.out.printf("%-14s medians over %d runs: build %.1f ms, first check %.1f ms (max %.1f), warm %.1f ms,"
                            + " warm on a new connection %.1f ms%n",
                            name, runs, median(results, 0), median(results, 1), max(results, 1), median(results, 2), median(results, 3));
                }
            }
        } finally {
            http.stop(0);
            https.stop(0);
        }
    }

    private static double[] spawn(String url, String mode) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=changeit",
                "-cp", System.getProperty("java.class.path"), ColdProbeBench.class.getName(),
                "--child", url, mode).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(CHILD_WAIT_S, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("the measuring JVM failed: " + output);
        }
        String line = output.lines().filter(l -> l.startsWith("figures ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no figures in: " + output));
        return Arrays.stream(line.substring("figures ".length()).split(" ")).mapToDouble(Double::parseDouble).toArray();
    }

    private static void child(String url, boolean warmed, boolean print) throws Exception {
        EngineClock clock = EngineClock.system();
        MonitorSettings settings = MonitorSettings.http(url).withTimeoutMs(5_000);
        long buildStartNs = System.nanoTime();
        Probe probe = warmed ? Probes.warmed(clock) : Probes.standard(clock);
        double buildMs = (System.nanoTime() - buildStartNs) / 1e6;
        double firstMs = timed(probe, settings);
        double[] warm = new double[WARM_CHECKS];
        for (int i = 0; i < WARM_CHECKS; i++) {
            warm[i] = timed(probe, settings);
        }
        Arrays.sort(warm);
        // Warm code, but a new connection (TCP and TLS handshakes) each time: what the first
        // check cannot avoid paying.
        MonitorSettings fresh = MonitorSettings.http(url + "/new-connection").withTimeoutMs(5_000);
        double[] warmFresh = new double[WARM_CHECKS];
        for (int i = 0; i < WARM_CHECKS; i++) {
            warmFresh[i] = timed(probe, fresh);
        }
        Arrays.sort(warmFresh);
        if (print) {
            System.out.printf("figures %.3f %.3f %.3f %.3f%n", buildMs, firstMs, warm[WARM_CHECKS / 2], warmFresh[WARM_CHECKS / 2]);
        }
    }

    private static double timed(Probe probe, MonitorSettings settings) throws Exception {
        long startNs = System.nanoTime();
        ProbeResult result = probe.probe(settings);
        double ms = (System.nanoTime() - startNs) / 1e6;
        if (!result.up()) {
            throw new IllegalStateException("a healthy loopback server was judged down: " + result.details());
        }
        return ms;
    }

    private static double max(List<double[]> results, int index) {
        return results.stream().mapToDouble(figures -> figures[index]).max().orElseThrow();
    }

    private static double median(List<double[]> results, int index) {
        double[] values = results.stream().mapToDouble(figures -> figures[index]).sorted().toArray();
        return values[values.length / 2];
    }

    private static void keytool(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + String.join(" ", command));
        }
    }

    private static SSLContext serverContext(Path directory) throws Exception {
        Path store = directory.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("keytool failed");
        }
        trustStore = directory.resolve("trust.p12");
        Path certificate = directory.resolve("server.pem");
        keytool(keytool, "-exportcert", "-rfc", "-alias", "server", "-keystore", store.toString(), "-storepass", "changeit",
                "-file", certificate.toString());
        keytool(keytool, "-importcert", "-noprompt", "-alias", "server", "-file", certificate.toString(), "-keystore",
                trustStore.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }
}
