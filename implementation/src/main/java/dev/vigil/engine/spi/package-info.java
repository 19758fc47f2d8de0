/**
 * The engine's service-provider side, <b>not for applications</b>: what the simulation harness,
 * the stress tests and monitoring integrations read of a running engine or plug into it, beyond
 * the commands and reads of {@link dev.vigil.engine.VigilEngine}. It may change in any release;
 * an application that needs something from here should ask for it in the public API instead.
 *
 * <ul>
 *   <li>{@link dev.vigil.engine.spi.EngineDiagnostics} (reached through {@link
 *       dev.vigil.engine.VigilEngine#diagnostics()}) shows the registry of live operations (SPEC
 *       R4, R5), the waiting check requests (R4), the interval timers and the undelivered events
 *       (R14), as immutable snapshots: never the engine's own objects.</li>
 *   <li>The runtime seam, {@link dev.vigil.engine.spi.EngineRuntime} and its parts ({@link
 *       dev.vigil.engine.spi.TimerService}, {@link dev.vigil.engine.spi.ProbeExecutor}, {@link
 *       dev.vigil.engine.spi.OperationIdSource}, {@link dev.vigil.engine.spi.ListenerExecutor}):
 *       every source of time, timers, threads and randomness the engine uses. {@code
 *       Builder.runtime} takes one; by default the engine runs on its own production runtime.
 *       The simulation binds it to a virtual clock and a seeded scheduler. An application that
 *       only wants a probe of its own passes it to {@code Builder.probe} instead.</li>
 * </ul>
 *
 * <p>The harness's other seams (the store it shares across restarts, the checker variants) are
 * not here: they name internal classes, and the engine's module does not export them.
 */
package dev.vigil.engine.spi;
