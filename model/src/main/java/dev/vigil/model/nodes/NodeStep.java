package dev.vigil.model.nodes;

import io.vavr.control.Option;

/**
 * One step of the node model: the next world and what the step did that the invariants judge.
 *
 * @param next    the world after the event
 * @param attempt the probe attempt it started, if any
 * @param applied the result it applied to the store, if any
 */
public record NodeStep(Cluster next, Option<Attempt> attempt, Option<Applied> applied) {

    /** A probe attempt started by {@code node} on {@code monitor} under {@code token}. */
    public record Attempt(String node, String monitor, long token) {
    }

    /** A result of {@code operation} applied to {@code monitor}. */
    public record Applied(String monitor, OperationRef operation) {
    }

    static NodeStep to(Cluster next) {
        return new NodeStep(next, Option.none(), Option.none());
    }
}
