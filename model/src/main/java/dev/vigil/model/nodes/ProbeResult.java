package dev.vigil.model.nodes;

/** What one probe attempt answered. */
public enum ProbeResult {
    UP,
    DOWN
}
