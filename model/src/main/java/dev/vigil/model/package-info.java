/**
 * The reference model of Vigil's monitor lifecycle: SPEC.md rules R1–R13 and the decisions of
 * docs/SEMANTICS.md as pure functions, simple enough to be obviously right.
 *
 * <p>What this package guarantees:
 * <ul>
 *   <li>{@link dev.vigil.model.Model#step} is a pure function of (state, time, event): no I/O, no
 *       clock, no randomness. Every nondeterministic choice (attempt outcome, latency, the order of
 *       events due at the same time) arrives as an event or its parameters.</li>
 *   <li>No event throws in any state. An event that does nothing is a no-op step whose note says
 *       why; a command the engine would reject carries a {@link dev.vigil.model.Observation.CommandFailed}
 *       marker. Only programmer errors (null arguments, time moving backwards) throw.</li>
 *   <li>{@link dev.vigil.model.ModelState} is immutable (vavr persistent collections) and has value
 *       equality, so a sequence of events replays to an equal state.</li>
 *   <li>Operations are numbered 1, 2, 3… in order of issue; a number is consumed when an
 *       operation is issued, even if its begin transaction then fails.</li>
 *   <li>{@link dev.vigil.model.ObservableView} is exactly SPEC §5; the simulator compares the
 *       engine against it with {@link dev.vigil.model.ObservableView#diff}.</li>
 *   <li>{@link dev.vigil.model.Invariants} states I1–I8 as predicates over
 *       (previous state, event, next state).</li>
 * </ul>
 * The model does not depend on {@code implementation/}: it is derived from SPEC.md and
 * SEMANTICS.md alone.
 */
package dev.vigil.model;
