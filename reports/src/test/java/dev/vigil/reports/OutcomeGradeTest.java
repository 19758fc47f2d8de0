package dev.vigil.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.reports.RunReport.Expectation;
import dev.vigil.reports.RunReport.Outcome;
import org.junit.jupiter.api.Test;

/** The one grading every command's report uses. */
class OutcomeGradeTest {

    @Test
    void aCaseThatMustPassPassesOnlyCleanAndWithoutViolation() {
        assertThat(Outcome.grade(Expectation.PASS, false, true)).isEqualTo(Outcome.PASSED);
        assertThat(Outcome.grade(Expectation.PASS, true, true)).isEqualTo(Outcome.FAILED);
        assertThat(Outcome.grade(Expectation.PASS, false, false)).isEqualTo(Outcome.FAILED);
    }

    @Test
    void aCaseThatMustCatchIsCaughtByAViolationAndMissedWithoutOne() {
        assertThat(Outcome.grade(Expectation.CATCH, true, true)).isEqualTo(Outcome.CAUGHT);
        assertThat(Outcome.grade(Expectation.CATCH, true, false)).isEqualTo(Outcome.CAUGHT);
        assertThat(Outcome.grade(Expectation.CATCH, false, true)).isEqualTo(Outcome.MISSED);
        // Neither caught nor a clean miss (a non-deterministic seed, an incomplete exploration).
        assertThat(Outcome.grade(Expectation.CATCH, false, false)).isEqualTo(Outcome.FAILED);
    }
}
