package dev.vigil.model.nodes;

/**
 * A check a node is running on a monitor.
 *
 * @param operation   the operation its begin transaction listed
 * @param attemptOut  whether a probe attempt is out (else it waits to retry)
 * @param retriesLeft attempts left after a DOWN one
 */
public record NodeCheck(OperationRef operation, boolean attemptOut, int retriesLeft) {
}
