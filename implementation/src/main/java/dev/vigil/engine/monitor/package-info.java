/**
 * The monitor lifecycle: {@link dev.vigil.engine.monitor.MonitorManager} runs every command and
 * the interval ticks. SPEC R1 (add), R2 (start), R3 (stop), R8 (checkNow), R9 (update), R10
 * (remove), R11 (startAll, stopAll) and R13 (recovery on open) live here, and so does the command
 * half of R12: a command's transaction commits before anything in memory changes, and a failed
 * one is reported and thrown to the caller. The manager also refuses commands once the engine is
 * closed (R16).
 *
 * <p>Internal: applications call {@link dev.vigil.engine.VigilEngine}, which hands every command
 * to the manager.
 */
package dev.vigil.engine.monitor;
