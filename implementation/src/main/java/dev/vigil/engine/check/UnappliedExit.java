package dev.vigil.engine.check;

/**
 * The ways an operation leaves without its result going through the applier; every other exit
 * is the applier's decision. Both checkers leave this way, with the same discard reasons.
 */
enum UnappliedExit {
    /**
     * Cancelled while no attempt was out (waiting out a back-off): it leaves at once (SPEC R5).
     * The command that cancelled it requests or drops a check next, so no waiting request starts.
     */
    CANCELLED_BETWEEN_ATTEMPTS("cancelled between attempts", false),
    /** Cancelled, and its deadline passed before its last attempt returned (SPEC R7): a waiting request may start now. */
    DEADLINE_AFTER_CANCEL("deadline passed after cancel", true);

    private final String discardReason;
    private final boolean startsWaitingRequest;

    UnappliedExit(String discardReason, boolean startsWaitingRequest) {
        this.discardReason = discardReason;
        this.startsWaitingRequest = startsWaitingRequest;
    }

    /** What the {@code CheckDiscarded} event says. */
    String discardReason() {
        return discardReason;
    }

    /** Whether a check request that waited for this operation may start once it is gone. */
    boolean startsWaitingRequest() {
        return startsWaitingRequest;
    }
}
