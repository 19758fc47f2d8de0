/**
 * The checkers: how a monitor's checks run, from a request to a result. SPEC R4 (check
 * requests, one probe per monitor), R5 (attempts, timeouts and retries), R7 (the deadline) and
 * R15 (what each shape of probe return counts as) live here; R8's manual check runs through it,
 * and R6's verdict is asked of the {@code status} package.
 *
 * <p>{@link dev.vigil.engine.check.MonitorChecker} is what the monitor manager calls, with the
 * monitor's lane held. {@link dev.vigil.engine.check.EnhancedMonitorChecker} is the production
 * checker, over the operation registry; {@link dev.vigil.engine.check.EpochMonitorChecker} is the
 * fallback that {@link dev.vigil.engine.check.EnhancedMonitoringServiceFactory} composes when
 * the enhanced services cannot be. {@link dev.vigil.engine.check.AttemptReturns} judges probe
 * returns (R15); the {@code lane} package serializes each monitor's commands,
 * timers and probe returns. The begin and unlist transactions of an operation, and the report of
 * their failures (R12), are in the package-private {@code OperationListing}.
 *
 * <p>Internal, not exported by the engine's module: the types are public so that the engine's
 * builder and, through {@code assembly.EngineAssembly.checkerFactory}, the verification harness
 * can compose checkers, including deliberately broken ones. Applications need none of it.
 */
package dev.vigil.engine.check;
