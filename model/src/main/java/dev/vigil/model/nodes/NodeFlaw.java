package dev.vigil.model.nodes;

/**
 * A deliberate mistake the node model can make, so that its invariants are shown to catch what
 * they are written for (negative controls). {@link #NONE} is the contract of SPEC §6.
 */
public enum NodeFlaw {
    /** The contract. */
    NONE("the contract"),
    /** A node keeps probing a monitor (retries) after its lease lapsed: it never doubts its lease. */
    PROBES_AFTER_LAPSE("a node keeps probing after its lease lapsed"),
    /** The apply transaction checks the listed operation but not the fencing token nor the lease. */
    NO_FENCING("the apply transaction has no fencing check"),
    /** A node judges its lease by comparing the database's expiry with its own, skewed, clock. */
    NODE_CLOCK_EXPIRY("lease expiry measured on the node's clock"),
    /** The apply transaction checks the fencing token but not R6's listed operation: fencing alone does not keep a stop. */
    TOKEN_ONLY("the apply transaction checks the token, not the listed operation"),
    /** A node claims only leases never claimed or released, never one that expired: a dead node's monitors stay orphaned. */
    NO_TAKEOVER("an expired lease is never taken over");

    private final String description;

    NodeFlaw(String description) {
        this.description = description;
    }

    /** @return what the flaw does, in a few words */
    public String description() {
        return description;
    }
}
