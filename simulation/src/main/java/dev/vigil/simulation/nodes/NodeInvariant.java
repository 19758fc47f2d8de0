package dev.vigil.simulation.nodes;

/** The node model's invariants (SPEC §6), in the form the simulated store shows them. */
public enum NodeInvariant {
    /** Safety, every step. */
    NI1("every probe attempt starts while its node holds the monitor's valid lease"),
    /** Safety, every step. */
    NI2("every result is applied by the holder of a valid lease"),
    /** Safety, every step. */
    NI3("a stopped monitor's last result never changes"),
    /** Safety, every step: a command on another node reaches the owner within a renewal period (N6). */
    NI5("every probe attempt starts on a monitoring monitor with its committed settings, or on one stopped or with settings replaced "
            + "less than a renewal period ago"),
    /** Liveness, once per run after the faults stop. */
    NI4("every monitoring monitor is checked within the lease and an interval once the faults stop");

    private final String rule;

    NodeInvariant(String rule) {
        this.rule = rule;
    }

    /** What the invariant demands, in one line. */
    public String rule() {
        return rule;
    }
}
