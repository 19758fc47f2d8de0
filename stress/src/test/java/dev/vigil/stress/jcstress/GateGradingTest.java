package dev.vigil.stress.jcstress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.stress.jcstress.ForkResult.Observation;
import dev.vigil.stress.jcstress.TestSummary.Verdict;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openjdk.jcstress.annotations.Expect;

/** The gate's grading on hand-written fork results: every way a run must fail, and the ways it passes. */
class GateGradingTest {
    private static final String REAL = "dev.vigil.stress.jcstress.RegistryCompleteTwiceTest";
    private static final String CONTROL = "dev.vigil.stress.jcstress.CheckThenActCompleteTwiceControl";

    private static ForkResult fork(String test, Observation... observations) {
        return new ForkResult(test, true, List.of(observations));
    }

    private static Observation ok(long samples) {
        return new Observation("true, false", Expect.ACCEPTABLE, samples);
    }

    private static Observation forbidden(long samples) {
        return new Observation("true, true", Expect.FORBIDDEN, samples);
    }

    @Test
    void passesWhenRealTestsSeeNothingForbiddenAndControlsAreCaught() {
        GateGrading.GateVerdict verdict = GateGrading.grade(Set.of(REAL, CONTROL),
                List.of(fork(REAL, ok(40)), fork(REAL, ok(16)), fork(CONTROL, ok(30), forbidden(3))), ControlPolicy.allRequired());

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.tests()).extracting(TestSummary::verdict).containsExactly(Verdict.CAUGHT, Verdict.PASS);
        assertThat(verdict.tests().get(1).forks()).isEqualTo(2);
        assertThat(verdict.tests().get(1).samples()).isEqualTo(56);
    }

    @Test
    void failsOnAForbiddenOutcomeOfARealTest() {
        GateGrading.GateVerdict verdict = GateGrading.grade(Set.of(REAL), List.of(fork(REAL, ok(40), forbidden(1))), ControlPolicy.informational());

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.failures()).singleElement().asString().contains("RegistryCompleteTwiceTest", "1 FORBIDDEN");
    }

    @Test
    void failsWhenNoTestRan() {
        assertThat(GateGrading.grade(Set.of(), List.of(), ControlPolicy.informational()).failures())
                .contains("no jcstress test matched: nothing to run", "no jcstress test ran (no results)");
        assertThat(GateGrading.grade(Set.of(REAL), List.of(), ControlPolicy.informational()).passed()).isFalse();
    }

    @Test
    void failsWhenAnExpectedTestWasSkipped() {
        GateGrading.GateVerdict verdict = GateGrading.grade(Set.of(REAL, CONTROL), List.of(fork(CONTROL, forbidden(2))), ControlPolicy.informational());

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.tests()).filteredOn(test -> test.test().equals(REAL)).singleElement()
                .satisfies(test -> assertThat(test.reason()).startsWith("skipped"));
    }

    @Test
    void failsWhenAForkDidNotCompleteOrAStateMatchedNoOutcome() {
        assertThat(GateGrading.grade(Set.of(REAL), List.of(new ForkResult(REAL, false, List.of(ok(3)))), ControlPolicy.informational()).passed()).isFalse();
        assertThat(GateGrading.grade(Set.of(REAL), List.of(fork(REAL, new Observation("x", Expect.UNKNOWN, 1))), ControlPolicy.informational()).passed())
                .isFalse();
    }

    @Test
    void anUncaughtControlFailsOnlyWhenControlsAreRequired() {
        List<ForkResult> uncaught = List.of(fork(CONTROL, ok(56)));

        GateGrading.GateVerdict informational = GateGrading.grade(Set.of(CONTROL), uncaught, ControlPolicy.informational());
        assertThat(informational.passed()).isTrue();
        assertThat(informational.tests()).extracting(TestSummary::verdict).containsExactly(Verdict.NOT_CAUGHT_INFO);

        GateGrading.GateVerdict required = GateGrading.grade(Set.of(CONTROL), uncaught, ControlPolicy.allRequired());
        assertThat(required.passed()).isFalse();
        assertThat(required.failures()).singleElement().asString().contains("control NOT caught");
    }

    @Test
    void aTestThatReportedButWasNotExpectedFailsTheRun() {
        assertThat(GateGrading.grade(Set.of(REAL), List.of(fork(REAL, ok(1)), fork("other.Test", ok(1))), ControlPolicy.informational()).passed()).isFalse();
    }

    @Test
    void controlsAreNamedByTheirSuffix() {
        assertThat(TestRole.of(CONTROL)).isEqualTo(TestRole.CONTROL);
        assertThat(TestRole.of(REAL)).isEqualTo(TestRole.REAL);
    }

    @Test
    void sanityRequiresOnlyTheControlsReliableInItAndLongerModesRequireAll() {
        String[] base = {"--jar", "j.jar", "--results", "r"};
        String other = "dev.vigil.stress.jcstress.ReadThenWriteStopVsResultControl";
        ControlPolicy sanity = GateOptions.parse(base).controls();
        assertThat(sanity.requires(CONTROL)).isTrue();
        assertThat(sanity.requires(other)).isFalse();
        assertThat(GateOptions.parse(concat(base, "--mode", "quick")).controls().requires(other)).isTrue();
        assertThat(GateOptions.parse(concat(base, "--mode", "quick", "--controls", "informational")).controls().requires(CONTROL)).isFalse();
        assertThat(GateOptions.parse(concat(base, "--", "-f", "2")).jcstressArgs()).containsExactly("-f", "2");
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
