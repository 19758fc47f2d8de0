/**
 * The engine's outbox (SPEC R14), internal: {@link dev.vigil.engine.outbox.EventPublisher} takes
 * an event right after the transaction that caused it committed, and delivers it later, one at a
 * time through the runtime's listener executor (a thread that holds no monitor's lane), to every
 * listener in registration order. A listener that throws is logged and skipped; beyond
 * {@link dev.vigil.engine.outbox.EventPublisher#PENDING_MAX} undelivered events new ones are
 * dropped and counted. Publishing only after a commit is how the engine keeps I6 (events match
 * the store). {@code EventLog} writes the operator's log lines of each published event.
 */
package dev.vigil.engine.outbox;
