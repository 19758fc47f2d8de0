package dev.vigil.stress.jcstress;

import java.util.Objects;

/**
 * One test's line in the gate's table: its forks added up and what the gate concluded.
 *
 * @param test                the test's class name
 * @param role                real-class test or negative control
 * @param forks               forks that reported
 * @param samples             samples over all forks
 * @param samplesForbidden    samples graded FORBIDDEN
 * @param samplesInteresting  samples graded ACCEPTABLE_INTERESTING
 * @param forksFailed         forks that did not complete normally
 * @param verdict             the gate's conclusion for this test
 * @param reason              why, in a few words
 */
record TestSummary(String test, TestRole role, int forks, long samples, long samplesForbidden, long samplesInteresting,
        int forksFailed, Verdict verdict, String reason) {
    TestSummary {
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
    }

    /** What the gate concluded for one test; only {@link #FAIL} fails the build. */
    enum Verdict {
        /** A real test that ran and saw nothing FORBIDDEN. */
        PASS,
        /** A control whose FORBIDDEN outcome was observed: the expected catch. */
        CAUGHT,
        /** A control not caught in a mode too short to require it. */
        NOT_CAUGHT_INFO,
        FAIL
    }

    String simpleName() {
        return test.substring(test.lastIndexOf('.') + 1);
    }
}
