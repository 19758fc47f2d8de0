package dev.vigil.engine.store;

import java.sql.SQLException;

/**
 * Where the store faults of SPEC R12 strike a transaction of an in-memory repository ({@link
 * MonitorRepository#openInMemory(MemoryFaults, java.util.function.LongSupplier)}): the
 * simulator's counterpart of wrapping a SQLite connection. Every writing transaction passes each
 * {@link Stage} in order; throwing at one fails the transaction there, which then changes
 * nothing and throws {@link dev.vigil.engine.StoreException} with the thrown message, as a failed
 * SQL transaction does. Reads pass no stage.
 */
@FunctionalInterface
public interface MemoryFaults {
    /** Never strikes. */
    MemoryFaults NONE = stage -> { };

    /** The points of a transaction, in the order they are reached. */
    enum Stage {
        /** Before the transaction begins: nothing ran. */
        BEGIN,
        /** Begun, before its first read or write (a dropped connection fails here). */
        WORK,
        /** Its work ran; about to commit. */
        COMMIT,
        /**
         * It failed and its writes are being undone. Throwing here is a rollback that failed
         * too: the failure is added to the transaction's and logged; the writes are undone all
         * the same, as a database does when it drops the connection.
         */
        ROLLBACK
    }

    /**
     * Called at each stage of every writing transaction.
     *
     * @param stage the stage reached
     * @throws SQLException to fail the transaction at {@code stage}
     */
    void reached(Stage stage) throws SQLException;
}
