package dev.vigil.engine;

/**
 * A store transaction failed. Nothing of the command or state change was persisted and the
 * engine's in-memory view is as it was before (SPEC R12).
 */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A failed transaction.
     *
     * @param message names the transaction and the monitor
     * @param cause   the database's failure
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
