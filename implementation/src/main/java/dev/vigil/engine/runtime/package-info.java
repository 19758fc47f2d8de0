/**
 * The runtime seam: every source of time, timers, threads and randomness the engine uses, behind
 * {@link dev.vigil.engine.runtime.EngineRuntime}. {@link dev.vigil.engine.runtime.ProductionRuntime}
 * binds it to the JDK; the simulation binds it to a virtual clock and a seeded scheduler.
 *
 * <p>Rules that run here: the one event thread of R14 (deliveries one at a time, in order, on a
 * thread that holds no lane), and the waiting part of R16 (close stops the timers, waits for the
 * probe threads and timer tasks and then for the committed events, all within the close wait, and
 * interrupts what is still running). The timers
 * that R2, R5 and R7 schedule run through its {@link dev.vigil.engine.runtime.TimerService}.
 *
 * <p>A service provider interface, not for everyday use: an application gets the production
 * runtime by default, and passes another one only to run the engine on its own clock, as the
 * simulation does.
 */
package dev.vigil.engine.runtime;
