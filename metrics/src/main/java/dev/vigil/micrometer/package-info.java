/**
 * Micrometer metrics for an embedded Vigil engine: {@link dev.vigil.micrometer.VigilMetrics}, a
 * {@code MeterBinder} fed by the engine's events and diagnostics. An optional module: the
 * engine itself has no Micrometer dependency.
 */
package dev.vigil.micrometer;
