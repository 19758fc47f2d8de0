/**
 * The engine's service-provider side, <b>not for applications</b>: what the simulation harness,
 * the stress tests and monitoring integrations read of a running engine, beyond the commands and
 * reads of {@link dev.vigil.engine.VigilEngine}. It may change in any release; an application
 * that needs something from here should ask for it in the public API instead.
 *
 * <p>{@link dev.vigil.engine.spi.EngineDiagnostics} (reached through {@link
 * dev.vigil.engine.VigilEngine#diagnostics()}) shows the registry of live operations (SPEC R4,
 * R5), the waiting check requests (R4), the interval timers and the undelivered events (R14), as
 * immutable snapshots: never the engine's own objects.
 */
package dev.vigil.engine.spi;
