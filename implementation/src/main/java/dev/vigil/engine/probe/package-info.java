/**
 * The probes: HTTP(S), TCP and DNS checks of a target, each returning a
 * {@link dev.vigil.engine.probe.ProbeResult}. {@link dev.vigil.engine.probe.Probes} picks the
 * probe for a monitor's options. A probe reports a target that is down as a DOWN result, not as
 * an exception, and every detail it returns is redacted.
 *
 * <p>No rule of SPEC lives here: the engine times each attempt itself (R5), and what any return
 * of a probe counts as, an exception or {@code null} included, is decided in the {@code check}
 * package (R15). The production runtime runs these probes; a simulated runtime replaces them.
 *
 * <p>Exported, for one use: an application that plugs in a probe of its own
 * ({@code VigilEngine.Builder.probe}) implements {@link dev.vigil.engine.probe.Probe}, returns
 * {@link dev.vigil.engine.probe.ProbeResult}s, and may delegate to
 * {@link dev.vigil.engine.probe.Probes#standard}. The probe classes themselves are package-private;
 * an application otherwise chooses a probe through the options of its
 * {@link dev.vigil.engine.MonitorSettings}.
 */
package dev.vigil.engine.probe;
