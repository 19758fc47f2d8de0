package dev.vigil.stress.nodes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A {@link NodeProcess} seen from the test: started with this JVM's class path, its output lines
 * collected on a thread of their own, killed (SIGKILL), stopped (SIGSTOP), continued (SIGCONT)
 * or asked to close. Every wait is bounded.
 */
final class NodeProcesses {
    private static final int LINES_MAX = 1_000_000;

    private final String nodeId;
    private final Process process;
    private final PrintStream in;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private NodeProcesses(String nodeId, Process process) {
        this.nodeId = nodeId;
        this.process = process;
        this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(this::read, "node-output-" + nodeId);
        reader.setDaemon(true);
        reader.start();
    }

    static NodeProcesses start(String url, String schema, String nodeId, long leaseMs, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                NodeProcess.class.getName(), url, schema, nodeId, Long.toString(leaseMs));
        builder.redirectError(log.toFile());
        return new NodeProcesses(nodeId, builder.start());
    }

    String nodeId() {
        return nodeId;
    }

    private void read() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (lines.size() < LINES_MAX) {
                    lines.add(line);
                }
            }
        } catch (IOException ended) {
            // the process is gone: what it wrote before is kept
        }
    }

    /** Waits until the process wrote {@code line}. */
    void await(String line, Duration limit) throws InterruptedException {
        long until = System.nanoTime() + limit.toNanos();
        while (!lines.contains(line)) {
            if (System.nanoTime() > until || !process.isAlive() && !lines.contains(line)) {
                throw new AssertionError("node " + nodeId + " did not write '" + line + "' within " + limit + " (alive: " + process.isAlive()
                        + ")");
            }
            Thread.sleep(20);
        }
    }

    void send(String command) {
        in.println(command);
    }

    /** The {@code "monitor operation"} of every CheckCompleted this node's listeners were told of. */
    List<String> completed() {
        List<String> pairs = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("completed ")) {
                pairs.add(line.substring("completed ".length()));
            }
        }
        return pairs;
    }

    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** Asks the node to close and waits for it to exit; kills it if it does not within {@code limit}. */
    void close(Duration limit) throws InterruptedException {
        send("close");
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("node " + nodeId + " did not close within " + limit);
        }
    }

    void destroy() {
        process.destroyForcibly();
    }
}
