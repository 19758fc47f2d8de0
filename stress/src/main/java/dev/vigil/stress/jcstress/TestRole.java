package dev.vigil.stress.jcstress;

/**
 * Whether a jcstress test proves the engine or proves the harness. A negative control runs a
 * deliberately broken variant; its FORBIDDEN outcome is the expected catch. The convention: a
 * control's simple class name ends in {@value #CONTROL_SUFFIX}.
 */
enum TestRole {
    /** Runs the real engine classes: a FORBIDDEN outcome fails the build. */
    REAL,
    /** Runs a broken variant: a FORBIDDEN outcome is expected; missing it means the harness lost its teeth. */
    CONTROL;

    static final String CONTROL_SUFFIX = "Control";

    static TestRole of(String testName) {
        return testName.endsWith(CONTROL_SUFFIX) ? CONTROL : REAL;
    }
}
