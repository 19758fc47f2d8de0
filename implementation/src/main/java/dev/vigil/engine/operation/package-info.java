/**
 * Operations, the correlation of a check with its result (SPEC section 1).
 * {@link dev.vigil.engine.operation.MonitorOperationRegistry} holds the live operations of
 * every monitor, ACTIVE or CANCELLED, and issues their ids; whether an operation is still ACTIVE
 * is its half of R6. {@link dev.vigil.engine.operation.OperationDeadlines} schedules and
 * clears the R7 deadlines, and {@link dev.vigil.engine.operation.RetryPolicy} computes the R5
 * back-off and the deadline's delay.
 *
 * <p>Internal: the checkers use it; the types are public for the verification harness and the
 * concurrency tests. {@link dev.vigil.engine.operation.Operation} is what the engine's
 * diagnostics list.
 */
package dev.vigil.engine.operation;
