/**
 * The engine's public API: {@link dev.vigil.engine.VigilEngine} and what its commands take and
 * return. {@link dev.vigil.engine.MonitorSettings} and the probe options validate settings when
 * they are built (SPEC R1, with {@link dev.vigil.engine.InvalidSettingsException});
 * {@link dev.vigil.engine.EngineClosedException} is what every command throws after close (R16).
 *
 * <p>The rules themselves live in the subpackages: the lifecycle in {@code monitor}, the checks
 * in {@code check}, results in {@code status}, operations in {@code operation}, the store in
 * {@code store}, events in {@code event} and the runtime seam in {@code runtime}.
 * {@code implementation/README.md}, section "Where each rule lives", maps every rule to its
 * method. Applications use this package and {@code event}.
 */
package dev.vigil.engine;
