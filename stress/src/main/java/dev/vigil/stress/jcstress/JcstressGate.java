package dev.vigil.stress.jcstress;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The build's jcstress gate: runs the shaded {@code jcstress.jar} in a child JVM (the same
 * {@code java} as the gate), reads the result blob it leaves, grades it ({@link GateGrading}),
 * prints a table and exits non-zero if the run failed. It exists because jcstress's own exit
 * code cannot tell a caught control from a broken engine, and is 0 when no test matched.
 *
 * <p>jcstress runs with the results directory as its working directory, since it writes its
 * result blob there and would otherwise litter the source tree; its HTML report goes to
 * {@code report/} and its console to {@code jcstress-output.txt} in the same directory.
 */
public final class JcstressGate {
    static final String OUTPUT_FILE = "jcstress-output.txt";
    static final String REPORT_DIRECTORY = "report";
    /** Forks load native code (jcstress's JNA affinity, SQLite); JDK 24+ warns unless it is allowed. */
    static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

    private JcstressGate() {
    }

    public static void main(String[] args) throws Exception {
        GateOptions options;
        try {
            options = GateOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(options) ? 0 : 1);
    }

    static boolean run(GateOptions options) throws IOException, InterruptedException {
        Pattern selector = Pattern.compile(options.testSelector());
        List<String> expected = List.copyOf(JcstressResults.expectedTests(selector));
        Path results = options.resultsDirectory().toAbsolutePath();
        Files.createDirectories(results);
        deleteOldBlobs(results);
        long startedNs = System.nanoTime();
        int exitCode = launch(options, results);
        long wallMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNs);
        Optional<Path> blob = JcstressResults.blob(results);
        List<ForkResult> forks = blob.isPresent() ? JcstressResults.read(blob.get()) : List.of();
        GateGrading.GateVerdict verdict = GateGrading.grade(new java.util.TreeSet<>(expected), forks, options.controls());
        if (blob.isEmpty()) {
            verdict = new GateGrading.GateVerdict(verdict.tests(), append(verdict.failures(),
                    "jcstress left no result blob (exit code " + exitCode + "); see " + results.resolve(OUTPUT_FILE)));
        }
        GateTable.print(verdict, options.mode(), wallMs, System.out);
        System.out.println("report: " + results.resolve(REPORT_DIRECTORY).resolve("index.html"));
        return verdict.passed();
    }

    /** Runs jcstress to completion or the time bound; returns its exit code (1 whenever it saw FORBIDDEN, controls included). */
    private static int launch(GateOptions options, Path results) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), NATIVE_ACCESS,
                "-jar", options.jar().toAbsolutePath().toString(),
                "-m", options.mode(),
                "-t", options.testSelector(),
                "-r", REPORT_DIRECTORY,
                "-jvmArgsPrepend", NATIVE_ACCESS));
        command.addAll(options.jcstressArgs());
        System.out.println("jcstress gate: " + String.join(" ", command));
        Process process = new ProcessBuilder(command).directory(results.toFile()).redirectErrorStream(true).start();
        Thread.ofVirtual().start(() -> killAfter(process, options.runMinutesMax()));
        // The log flushes every line, so a long run can be followed with tail -f.
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter log = new PrintWriter(Files.newBufferedWriter(results.resolve(OUTPUT_FILE), StandardCharsets.UTF_8), true)) {
            String line;
            while ((line = output.readLine()) != null) {
                log.println(line);
                if (isProgress(line)) {
                    System.out.println("  " + line.strip());
                }
            }
        }
        return process.waitFor();
    }

    /** jcstress's periodic progress line, and its verdict lines for non-passing forks: enough to follow a long run. */
    static boolean isProgress(String line) {
        return line.startsWith("(Results:") || line.contains("[FAILED]") || line.contains("[ERROR]");
    }

    private static void killAfter(Process process, long minutesMax) {
        try {
            if (!process.waitFor(minutesMax, TimeUnit.MINUTES)) {
                System.err.println("jcstress gate: the run exceeded " + minutesMax + " minutes; killing it");
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteOldBlobs(Path results) throws IOException {
        try (Stream<Path> files = Files.list(results)) {
            for (Path file : files.filter(JcstressResults::isBlob).toList()) {
                Files.delete(file);
            }
        }
    }

    private static List<String> append(List<String> list, String element) {
        List<String> copy = new ArrayList<>(list);
        copy.add(element);
        return copy;
    }
}
