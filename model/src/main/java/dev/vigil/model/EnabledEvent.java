package dev.vigil.model;

/**
 * An event that can happen next, at the time it would happen, with the budget left after it.
 */
public record EnabledEvent(long atMs, ModelEvent event, Budget remaining) {
}
