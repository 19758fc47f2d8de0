/**
 * What the engine tells applications, and how it is delivered: SPEC R14. Applications use
 * {@link dev.vigil.engine.event.EngineEvent}, the closed set of events, and
 * {@link dev.vigil.engine.event.EngineListener}, which receives them.
 *
 * <p>{@link dev.vigil.engine.event.EventPublisher} is the engine's outbox: an event is
 * published right after the transaction that caused it committed, and delivered later, one at a
 * time on one event thread that holds no monitor's lane, to every listener in registration
 * order. A listener that throws is logged and skipped; beyond
 * {@link dev.vigil.engine.event.EventPublisher#PENDING_MAX} undelivered events new ones are
 * dropped and counted. Publishing only after a commit is how the engine keeps I6 (events match
 * the store). The publisher is internal: the engine creates it, and applications register
 * listeners through {@link dev.vigil.engine.VigilEngine}.
 */
package dev.vigil.engine.event;
