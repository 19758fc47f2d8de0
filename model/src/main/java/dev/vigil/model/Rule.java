package dev.vigil.model;

/**
 * The rules of docs/SPEC.md §3, by number. Every model event names the rule that governs it
 * ({@link ModelEvent#rule()}), so that coverage counts rules without a table of its own.
 */
public enum Rule {
    /** add. */
    R1,
    /** start. */
    R2,
    /** stop. */
    R3,
    /** check requests: ticks, and a cancelled timer's task that must do nothing. */
    R4,
    /** attempts: their timeouts and retries. */
    R5,
    /** result: applied only for the listed operation of a monitoring monitor. */
    R6,
    /** deadline, and what tests it: clock jumps and process pauses. */
    R7,
    /** checkNow. */
    R8,
    /** update. */
    R9,
    /** remove. */
    R10,
    /** startAll / stopAll. */
    R11,
    /** store failure. */
    R12,
    /** crash / restart. */
    R13,
    /** events: delivered after their transaction committed, never while a lane is held. */
    R14,
    /** probe returns: every shape ends the attempt. */
    R15,
    /** close. */
    R16,
    /** history pruning: the oldest records beyond a retention go, monitor by monitor. */
    R17,
    /** operation ids: a check that finds no fresh id does not begin. */
    R18
}
