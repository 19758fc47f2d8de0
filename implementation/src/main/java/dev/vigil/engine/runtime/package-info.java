/**
 * The production runtime: {@link dev.vigil.engine.runtime.ProductionRuntime} binds the runtime
 * seam ({@link dev.vigil.engine.spi.EngineRuntime}, in the spi package) to the JDK's clocks,
 * a timer thread, virtual threads for probes and one event thread. Internal: not exported; an
 * application gets it by default and plugs in a probe with {@code Builder.probe} instead.
 *
 * <p>Rules that run here: the one event thread of R14 (deliveries one at a time, in order, on a
 * thread that holds no lane), and the waiting part of R16 (close stops the timers, waits for the
 * probe threads and timer tasks and then for the committed events, all within the close wait, and
 * interrupts what is still running). The timers that R2, R5 and R7 schedule run through its
 * {@link dev.vigil.engine.spi.TimerService}.
 */
package dev.vigil.engine.runtime;
