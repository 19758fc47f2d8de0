package dev.vigil.engine;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One page of a monitor's history, newest record first, from {@link VigilEngine#historyPage}.
 * Pages follow one another by cursor, not by offset: a page is the records committed before
 * the cursor, so records appended meanwhile never shift a later page, and none is seen twice.
 *
 * @param records    at most the requested number of records, newest first (commit order)
 * @param nextCursor the cursor of the next, older page; empty when this page holds the oldest
 *                   record
 */
public record HistoryPage(List<CheckRecord> records, OptionalLong nextCursor) {
    /** The largest page: a history grows by one record per check, so a read must be bounded. */
    public static final int LIMIT_MAX = 1_000;

    /**
     * Copies the records.
     *
     * @throws NullPointerException if an argument is null
     */
    public HistoryPage {
        records = List.copyOf(records);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
