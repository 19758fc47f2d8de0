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

    /**
     * A 64-bit digest of one operation as {@link EngineDiagnostics#liveOperationsDigest()} sums
     * them: of its id's digest ({@link OperationIdSource#digestOf}) and whether it is cancelled,
     * nothing else. Equal pairs give equal digests; different ones differ but for the odds of a
     * 64-bit collision.
     *
     * @param idDigest  the digest of the operation id
     * @param cancelled whether it is cancelled
     * @return the digest
     */
    public static long digest(long idDigest, boolean cancelled) {
        return mix(idDigest ^ (cancelled ? 0x2545_f491_4f6c_dd1dL : 0x9e37_79b9_7f4a_7c15L));
    }

    /**
     * The default digest of an id ({@link OperationIdSource#digestOf}): of its characters.
     *
     * @param id the id
     * @return its digest
     */
    public static long digestOfCharacters(String id) {
        long h = 0xcbf2_9ce4_8422_2325L ^ id.length();
        for (int i = 0; i < id.length(); i++) {
            h = (h ^ id.charAt(i)) * 0x0100_0000_01b3L;
        }
        return mix(h);
    }

    /** Murmur3's 64-bit finaliser: every input bit reaches every output bit. */
    private static long mix(long value) {
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51_afd7_ed55_8ccdL;
        h ^= h >>> 33;
        h *= 0xc4ce_b9fe_1a85_ec53L;
        h ^= h >>> 33;
        return h;
    }
}
