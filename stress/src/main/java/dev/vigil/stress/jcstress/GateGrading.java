package dev.vigil.stress.jcstress;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.openjdk.jcstress.annotations.Expect;

/**
 * Grades a jcstress run for the build, apart from running and printing it. The run fails when:
 * no test ran (jcstress itself exits 0 on "No matching tests"); an expected test reported no
 * sample (skipped, e.g. more actors than CPUs); a fork did not complete; a state matched no
 * outcome; a real-class test observed a FORBIDDEN outcome; or a required control was not caught.
 */
final class GateGrading {
    private GateGrading() {
    }

    /** The gate's conclusion: every expected test's line, and the reasons the run failed (empty: passed). */
    record GateVerdict(List<TestSummary> tests, List<String> failures) {
        GateVerdict {
            tests = List.copyOf(tests);
            failures = List.copyOf(failures);
        }

        boolean passed() {
            return failures.isEmpty();
        }
    }

    /**
     * @param expectedTests    every test the run should have run
     * @param forks            what the run reported, any order
     * @param controls         which controls must be caught (those that show reliably in the run's mode)
     */
    static GateVerdict grade(Set<String> expectedTests, List<ForkResult> forks, ControlPolicy controls) {
        List<String> failures = new ArrayList<>();
        if (expectedTests.isEmpty()) {
            failures.add("no jcstress test matched: nothing to run");
        }
        if (forks.isEmpty()) {
            failures.add("no jcstress test ran (no results)");
        }
        Map<String, List<ForkResult>> byTest = new TreeMap<>(forks.stream().collect(Collectors.groupingBy(ForkResult::test)));
        List<TestSummary> tests = new ArrayList<>();
        for (String test : new java.util.TreeSet<>(expectedTests)) {
            TestSummary summary = summarize(test, byTest.getOrDefault(test, List.of()), controls.requires(test));
            tests.add(summary);
            if (summary.verdict() == TestSummary.Verdict.FAIL) {
                failures.add(summary.simpleName() + ": " + summary.reason());
            }
        }
        for (String unexpected : byTest.keySet()) {
            if (!expectedTests.contains(unexpected)) {
                failures.add(unexpected + " reported results but was not expected");
            }
        }
        return new GateVerdict(tests, failures);
    }

    static TestSummary summarize(String test, List<ForkResult> forks, boolean controlsRequired) {
        TestRole role = TestRole.of(test);
        long samples = forks.stream().mapToLong(ForkResult::samples).sum();
        long forbidden = forks.stream().mapToLong(fork -> fork.samplesGraded(Expect.FORBIDDEN)).sum();
        long interesting = forks.stream().mapToLong(fork -> fork.samplesGraded(Expect.ACCEPTABLE_INTERESTING)).sum();
        long unknown = forks.stream().mapToLong(fork -> fork.samplesGraded(Expect.UNKNOWN)).sum();
        int forksFailed = (int) forks.stream().filter(fork -> !fork.completed()).count();
        TestSummary.Verdict verdict;
        String reason;
        if (forks.isEmpty() || samples == 0) {
            verdict = TestSummary.Verdict.FAIL;
            reason = "skipped: no samples (did it need more CPUs than the run had?)";
        } else if (forksFailed > 0) {
            verdict = TestSummary.Verdict.FAIL;
            reason = forksFailed + " of " + forks.size() + " forks did not complete (exception, timeout or VM error)";
        } else if (unknown > 0) {
            verdict = TestSummary.Verdict.FAIL;
            reason = unknown + " samples matched no @Outcome";
        } else if (role == TestRole.REAL) {
            verdict = forbidden == 0 ? TestSummary.Verdict.PASS : TestSummary.Verdict.FAIL;
            reason = forbidden == 0 ? "no FORBIDDEN outcome" : forbidden + " FORBIDDEN samples on the real engine";
        } else if (forbidden > 0) {
            verdict = TestSummary.Verdict.CAUGHT;
            reason = "expected catch: " + forbidden + " FORBIDDEN samples";
        } else if (controlsRequired) {
            verdict = TestSummary.Verdict.FAIL;
            reason = "control NOT caught: the test it shadows may have lost its teeth";
        } else {
            verdict = TestSummary.Verdict.NOT_CAUGHT_INFO;
            reason = "not caught (informational in this mode; the quick mode requires it)";
        }
        return new TestSummary(test, role, forks.size(), samples, forbidden, interesting, forksFailed, verdict, reason);
    }
}
