package dev.vigil.simulation.nodes;

/** The node model's invariants (SPEC §6), in the form the simulated store shows them, and the lockstep with the node model. */
public enum NodeInvariant {
    /** Safety, every step. */
    NI1("every probe attempt starts while its node holds the monitor's valid lease"),
    /** Safety, every step. */
    NI2("every result is applied by the holder of a valid lease"),
    /** Safety, every step. */
    NI3("a stopped monitor's last result never changes"),
    /** Safety, every step: a command on another node reaches the owner at its next renewal (N6), within a renewal period while it runs and reaches the store. */
    NI5("every probe attempt starts on a monitoring monitor with its committed settings, unless its node has not renewed since "
            + "another node stopped the monitor, removed it or changed its settings (nor, for a stop, made a command on the monitor, "
            + "which reads its row first); a node that has read a stop so runs no operation and no tick of that monitor"),
    /**
     * Safety, every step, and liveness once the faults stop: what a caller of checkNow on any node
     * gets (R8, N6).
     */
    NI6("a checkNow's stage, on any node, completes with a record of the monitor committed after the request, or fails with a "
            + "documented reason (discarded, unknown monitor, store failure); a caller beyond the node's 1,000 of the monitor, and every "
            + "caller of a node that closes, fails at once; once the faults stop, every stage of a running node completes"),
    /** Safety, every step: a takeover's first check, and the first after a start learnt from the store, come at once (N7, N6), not a tick later. */
    NI7("a node that claims a monitoring monitor, or reads at a renewal that a monitor it holds and last read paused is monitoring, "
            + "begins its check in the same step"),
    /** Liveness, once per run after the faults stop. */
    NI4("every monitoring monitor is checked within the lease and an interval once the faults stop"),
    /** The engines against the node model, every step while faults may come. */
    LOCKSTEP("the engines hold what the node model holds: each monitor's owner, token, status, lease validity, and each node's lease and check");

    private final String rule;

    NodeInvariant(String rule) {
        this.rule = rule;
    }

    /** What the invariant demands, in one line. */
    public String rule() {
        return rule;
    }
}
