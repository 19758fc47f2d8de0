package dev.vigil.model.nodes;

/**
 * One check operation of a monitor, as the store lists it.
 *
 * @param node     the node that began it
 * @param sequence that node's operation number
 * @param token    the fencing token the node held when it began it
 */
public record OperationRef(String node, int sequence, long token) {
}
