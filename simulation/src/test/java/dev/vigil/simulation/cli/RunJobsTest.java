package dev.vigil.simulation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --jobs N} is {@code run --jobs 1} on more threads: the same standard output, reports
 * (JSON, HTML, JUnit XML), traces and exit code, byte for byte once wall times, the rates computed
 * from them and the output folders' names are masked.
 */
class RunJobsTest {
    /** Everything that depends on the wall clock, as the reports and the summary line print it. */
    private static final List<Pattern> TIMINGS = List.of(
            Pattern.compile("in [0-9.]+ s wall: [0-9,]+ events/s, [0-9,]+ simulated s per wall s"),
            Pattern.compile("\"(startedAt|wallTimeMs|wallMs|eventsPerSecond|schedulesPerSecond|simulatedSecondsPerWallSecond)\" : [^,\\n]+"),
            Pattern.compile("time=\"[0-9.]+\""),
            Pattern.compile("started [0-9T:.Z-]+, [0-9.,]+ m?s"),
            Pattern.compile("<td>[0-9.,]+ m?s</td>"),
            Pattern.compile("<section id=\"throughput\">.*?</section>"));

    @TempDir
    Path folder;

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();

    @Test
    void passingSeedsGiveTheSameOutputReportsAndExitCodeOnThreeThreads() throws Exception {
        Run one = run("one", "--seeds", "9", "--events", "80", "--check-determinism", "--jobs", "1");
        Run three = run("three", "--seeds", "9", "--events", "80", "--check-determinism", "--jobs", "3");

        assertThat(one.exitCode()).isZero();
        assertThat(three).isEqualTo(one);
        assertThat(one.stdout()).contains("9 seeds").contains("determinism: every seed gave the same trace hash twice");
    }

    @Test
    void theFirstFailingSeedInSeedOrderIsReportedWhateverThreadFinishesFirst() throws Exception {
        Run one = run("one", "--variant", "naive", "--seeds", "40", "--no-shrink", "--jobs", "1");
        Run four = run("four", "--variant", "naive", "--seeds", "40", "--no-shrink", "--jobs", "4");

        assertThat(one.exitCode()).isEqualTo(1);
        assertThat(one.stdout()).contains("VIOLATION").contains("trace written");
        assertThat(one.files()).anyMatch(file -> file.startsWith("traces/naive-seed-"));
        assertThat(four).isEqualTo(one);
    }

    @Test
    void jobsMustBeAPositiveWholeNumber() {
        for (String bad : List.of("0", "-2", "257")) {
            console.reset();
            assertThat(VigilCommand.execute("run", "--seeds", "1", "--jobs", bad)).isEqualTo(VigilCommand.EXIT_USAGE);
            assertThat(console.err()).contains("--jobs = " + bad + " must be within 1 … 256");
        }
        console.reset();
        assertThat(VigilCommand.execute("run", "--seeds", "1", "--jobs", "two")).isEqualTo(VigilCommand.EXIT_USAGE);
        assertThat(console.err()).contains("--jobs").contains("'two'");
    }

    /** A run's standard output and the files it wrote (relative name and masked content), in name order. */
    private record Run(int exitCode, String stdout, List<String> files) {}

    private Run run(String name, String... options) throws Exception {
        Path directory = folder.resolve(name);
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(List.of(options));
        args.addAll(List.of("--report-dir", directory.resolve("reports").toString(), "--trace-dir", directory.resolve("traces").toString()));
        console.reset();
        int exitCode = VigilCommand.execute(args.toArray(String[]::new));
        String stdout = masked(console.out(), directory);
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                files.add(directory.relativize(file) + "\n" + masked(Files.readString(file), directory));
            }
        }
        return new Run(exitCode, stdout, files);
    }

    private static String masked(String text, Path directory) {
        String result = text.replace(directory.toString(), "DIR");
        for (Pattern timing : TIMINGS) {
            result = timing.matcher(result).replaceAll("<timing>");
        }
        return result;
    }
}
