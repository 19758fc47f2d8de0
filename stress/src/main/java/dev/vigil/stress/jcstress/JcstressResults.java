package dev.vigil.stress.jcstress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openjdk.jcstress.infra.Status;
import org.openjdk.jcstress.infra.collectors.DiskReadCollector;
import org.openjdk.jcstress.infra.collectors.InProcessCollector;
import org.openjdk.jcstress.infra.collectors.TestResult;
import org.openjdk.jcstress.infra.grading.GradingResult;
import org.openjdk.jcstress.infra.grading.TestGrading;
import org.openjdk.jcstress.infra.runners.TestList;

/**
 * Reads what a jcstress run left: the result blob ({@code jcstress-results-*.bin.gz}, every
 * fork's observed states) through jcstress's own reader and grading, and the test list compiled
 * into {@code META-INF/TestList}. The only class of the gate that touches jcstress internals.
 */
final class JcstressResults {
    static final String BLOB_PREFIX = "jcstress-results-";
    static final String BLOB_SUFFIX = ".bin.gz";

    private JcstressResults() {
    }

    /** Every test compiled into this class path's test list whose name matches {@code selector} (jcstress's {@code -t}). */
    static SortedSet<String> expectedTests(Pattern selector) {
        SortedSet<String> tests = new TreeSet<>();
        for (String test : TestList.tests()) {
            if (selector.matcher(test).find()) {
                tests.add(test);
            }
        }
        return tests;
    }

    /** The newest result blob in {@code directory}, if any. */
    static Optional<Path> blob(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(JcstressResults::isBlob).max(Path::compareTo); // names carry the start time
        }
    }

    static boolean isBlob(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(BLOB_PREFIX) && name.endsWith(BLOB_SUFFIX);
    }

    /** Every fork's result in the blob, graded by the tests' {@code @Outcome}s. */
    static List<ForkResult> read(Path blob) throws IOException {
        InProcessCollector collector = new InProcessCollector();
        DiskReadCollector reader = new DiskReadCollector(blob.toString(), collector);
        try {
            reader.dump();
        } catch (ClassNotFoundException e) {
            throw new IOException("the result blob " + blob + " names a class this jcstress does not know", e);
        } finally {
            reader.close();
        }
        List<ForkResult> forks = new ArrayList<>();
        for (TestResult result : collector.getTestResults()) {
            forks.add(toFork(result));
        }
        return forks;
    }

    private static ForkResult toFork(TestResult result) {
        TestGrading grading = TestGrading.grade(result);
        List<ForkResult.Observation> observations = new ArrayList<>();
        for (GradingResult graded : grading.gradingResults.values()) {
            if (graded.count > 0) {
                observations.add(new ForkResult.Observation(graded.id, graded.expect, graded.count));
            }
        }
        return new ForkResult(result.getName(), result.status() == Status.NORMAL, observations);
    }
}
