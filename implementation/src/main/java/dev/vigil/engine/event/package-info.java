/**
 * What the engine tells applications: SPEC R14. Applications use
 * {@link dev.vigil.engine.event.EngineEvent}, the closed set of events, and
 * {@link dev.vigil.engine.event.EngineListener}, which receives them; they register listeners
 * through {@link dev.vigil.engine.VigilEngine}.
 *
 * <p>How events are delivered is the engine's internal outbox (package {@code outbox}, not
 * exported): an event is published right after the transaction that caused it committed, and
 * delivered later, one at a time on one event thread that holds no monitor's lane, to every
 * listener in registration order. A listener that throws is logged and skipped; beyond a bound
 * of undelivered events new ones are dropped and counted. Publishing only after a commit is how
 * the engine keeps I6 (events match the store).
 */
package dev.vigil.engine.event;
