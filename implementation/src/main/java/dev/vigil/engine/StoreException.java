package dev.vigil.engine;

import java.util.Optional;

/**
 * A store transaction failed. Nothing of the command or state change was persisted and the
 * engine's in-memory view is as it was before (SPEC R12).
 */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Which transaction failed; {@code null} for a read or for opening the connection. */
    private final StoreTransaction transaction;

    /**
     * A failed transaction.
     *
     * @param message names the transaction and the monitor
     * @param cause   the database's failure
     */
    public StoreException(String message, Throwable cause) {
        this(null, message, cause);
    }

    /**
     * A failed transaction, named by its kind.
     *
     * @param transaction which transaction failed, or {@code null} if the failure was not one
     * @param message     names the transaction and the monitor
     * @param cause       the database's failure
     */
    public StoreException(StoreTransaction transaction, String message, Throwable cause) {
        super(message, cause);
        this.transaction = transaction;
    }

    /**
     * Which transaction failed.
     *
     * @return the transaction; empty for a read, or for a failure to reach the store at all
     */
    public Optional<StoreTransaction> transaction() {
        return Optional.ofNullable(transaction);
    }
}
