package dev.vigil.model;

/**
 * What an event can change: one monitor, every monitor, or no monitor directly (it arms a fault
 * or moves the clock; what it does shows in a later event). The one answer to "which monitor
 * does this event touch", used by partial-order reduction, the lockstep comparison and budgets.
 */
public sealed interface EventReach {
    /** The event changes only monitor {@code monitorId} (and its operations, timers and history). */
    record OneMonitor(String monitorId) implements EventReach {}

    /** The event may change every monitor (bulk commands, crash, restart, close, pauses, another writer). */
    record EveryMonitor() implements EventReach {}

    /** The event changes no monitor by itself. */
    record NoMonitor() implements EventReach {}
}
