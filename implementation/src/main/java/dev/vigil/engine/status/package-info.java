/**
 * Where a result lands or is discarded: SPEC R6.
 * {@link dev.vigil.engine.status.MonitorStatusUpdateService} checks R6's conditions in memory,
 * asks the checker whether the operation is still ACTIVE
 * ({@link dev.vigil.engine.status.OperationValidity}), and applies the result in one
 * compare-and-set transaction of the store, which has the last word. The answer is an
 * {@link dev.vigil.engine.status.ApplyOutcome}: applied, discarded, or failed (R12). Both
 * checkers apply through this one path, so I2 (no stale writes) rests on it.
 * {@link dev.vigil.engine.status.MonitorTable} is the in-memory view of the committed monitors.
 *
 * <p>Internal: the types are public so that the verification harness can compose checkers with
 * deliberately broken appliers.
 */
package dev.vigil.engine.status;
