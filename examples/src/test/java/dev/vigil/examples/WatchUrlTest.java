package dev.vigil.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link WatchUrl} as an application runs it: its own JVM, a real SQLite file, a real HTTP
 * server (on the loopback interface), stopped with SIGTERM.
 */
class WatchUrlTest {
    /** Bounds on the child JVM: start plus the first check, and a clean close. */
    private static final long UP_WAIT_MS_MAX = 30_000;
    private static final long EXIT_WAIT_MS_MAX = 15_000;

    @TempDir
    Path folder;

    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void printsTheUpTransitionAndClosesTheEngineOnSigterm() throws Exception {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
        Path database = folder.resolve("watch.db");
        Process watch = start(url, database.toString());
        List<String> printed = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(watch.getInputStream(), StandardCharsets.UTF_8))) {
            long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(UP_WAIT_MS_MAX);
            String line;
            while (System.nanoTime() < deadlineNs && (line = out.readLine()) != null) {
                printed.add(line);
                if (line.equals("site: PENDING → UP")) {
                    break;
                }
            }
            assertThat(printed).as(stderr()).containsExactly("site: PAUSED → PENDING", "site: PENDING → UP");

            // SIGTERM, as Ctrl-C or a service manager sends it. Through the handle: Process.destroy
            // would also close our end of the child's output, losing what its shutdown hook prints.
            assertThat(watch.toHandle().destroy()).isTrue();
            assertThat(watch.waitFor(EXIT_WAIT_MS_MAX, TimeUnit.MILLISECONDS)).as("exited within %d ms", EXIT_WAIT_MS_MAX).isTrue();
            out.lines().forEach(printed::add);
        }
        assertThat(watch.exitValue()).as("128 + SIGTERM").isEqualTo(143);
        assertThat(printed).last().isEqualTo("engine closed");
        // SQLite removes the write-ahead log when its last connection closes: the store was closed.
        assertThat(database).exists();
        assertThat(Path.of(database + "-wal")).doesNotExist();
        // The native-access flag the README names keeps JDK 24+ quiet about sqlite-jdbc.
        assertThat(stderr()).doesNotContain("restricted method").doesNotContain("Exception");
    }

    @Test
    void aBadUrlIsOneLineAndExitCodeTwo() throws Exception {
        Process watch = start("ftp://example.com/file", folder.resolve("never.db").toString());
        assertThat(watch.waitFor(EXIT_WAIT_MS_MAX, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(watch.exitValue()).isEqualTo(2);
        assertThat(stderr().strip()).isEqualTo("WatchUrl: target = 'ftp://example.com/file' is invalid: an http:// or https:// URL");
        assertThat(folder.resolve("never.db")).doesNotExist();
    }

    @Test
    void noArgumentsPrintsUsage() throws Exception {
        Process watch = start();
        assertThat(watch.waitFor(EXIT_WAIT_MS_MAX, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(watch.exitValue()).isEqualTo(2);
        assertThat(stderr()).startsWith("usage: WatchUrl URL [DATABASE]");
    }

    /** The example in a JVM of its own, as README.md says to run it. */
    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-Dstdout.encoding=UTF-8",
                "-cp", System.getProperty("java.class.path"),
                WatchUrl.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .directory(folder.toFile())
                .redirectError(folder.resolve("stderr.txt").toFile())
                .start();
    }

    private String stderr() {
        try {
            return Files.readString(folder.resolve("stderr.txt"));
        } catch (IOException e) {
            return "(no stderr: " + e + ")";
        }
    }
}
