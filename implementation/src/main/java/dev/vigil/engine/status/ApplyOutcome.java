package dev.vigil.engine.status;

import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.StoreException;

/** What became of a result offered to a {@link ResultApplier}: exactly one of three things. */
public sealed interface ApplyOutcome {
    /**
     * Committed: the record is in history and the status updated (SPEC R6).
     *
     * @param record the committed history record
     */
    record Applied(CheckRecord record) implements ApplyOutcome {}

    /**
     * Not applied and nothing written.
     *
     * @param reason which condition of R6 failed
     */
    record Discarded(String reason) implements ApplyOutcome {}

    /**
     * The apply transaction failed; nothing was written (SPEC R12).
     *
     * @param failure the store's failure
     */
    record Failed(StoreException failure) implements ApplyOutcome {}
}
