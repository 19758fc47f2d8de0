/**
 * jcstress tests of the engine's real concurrent classes, the negative controls that prove the
 * tests can fail, and {@link dev.vigil.stress.jcstress.JcstressGate}, which runs them from the
 * shaded {@code jcstress.jar} and fails the build on a FORBIDDEN outcome.
 *
 * <p>Every test has exactly two {@code @Actor}s (jcstress skips tests that need more threads than
 * the machine has CPUs; CI has two) and usually an {@code @Arbiter} that reads the end state once
 * both actors are done. Outcomes are graded ACCEPTABLE, ACCEPTABLE_INTERESTING (a legal but racy
 * order that shows the actors really overlapped) or FORBIDDEN (a broken SPEC rule), each with
 * the reason. Classes whose simple name ends in {@code Control} run a deliberately broken
 * variant: for them a FORBIDDEN outcome is the expected catch.
 */
package dev.vigil.stress.jcstress;
