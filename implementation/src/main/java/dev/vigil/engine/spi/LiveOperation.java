package dev.vigil.engine.spi;

import java.util.Objects;

/**
 * One operation in the engine's registry when it was asked (SPEC R4, R5): an immutable copy,
 * unaffected by what the engine does afterwards.
 *
 * @param id          the operation id, unique in the engine's lifetime
 * @param monitorId   the monitor it checks
 * @param initiatedAt when it began, on the engine's monotonic clock (ms)
 * @param deadlineAt  when its deadline fires (R7), on the same clock (ms)
 * @param manual      whether a {@code checkNow} began it
 * @param cancelled   whether a command cancelled it: it stays until its probe is back (R5), and
 *                    its result will be discarded (R6)
 */
public record LiveOperation(String id, String monitorId, long initiatedAt, long deadlineAt, boolean manual, boolean cancelled) {
    /**
     * Checks that the ids are present.
     *
     * @throws NullPointerException naming a missing id
     */
    public LiveOperation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(monitorId, "monitorId");
    }
}
