package dev.vigil.model;

/**
 * A 64-bit digest of part of an {@link ObservableView}, built field by field without building the
 * view, so that the simulator can tell two sides apart cheaply and build (and diff) both views
 * only when their digests differ. Both sides feed the same fields in the same order, so equal
 * views give equal digests; every variable-length part is fed with its length first and every
 * optional one with a presence flag, so that different views give different digests except with
 * the probability of a 64-bit collision.
 *
 * <p>A sequence (one monitor, one history) is a chain: {@link #start}, then {@code add…} calls.
 * A multiset (the timers, the attempts in flight) is the sum of its elements' digests
 * ({@link #ofTimer}, {@link #ofAttempt}): equal whatever order the elements come in, as the view's
 * sorting makes them equal. (The registry's digest is the engine's own, {@link ModelState#registryDigest}.)
 */
public final class ViewDigest {
    /** The digest of a part that is absent (no such monitor). */
    public static final long ABSENT = 0x5bd1_e995_0000_0001L;

    private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;

    private long state;

    private ViewDigest(long seed) {
        this.state = seed;
    }

    /** A fresh chain; {@code tag} keeps chains of different kinds apart. */
    public static ViewDigest start(int tag) {
        return new ViewDigest(mix(GOLDEN * (tag + 1)));
    }

    /** Feeds a number. */
    public ViewDigest add(long value) {
        state = mix(state ^ mix(value + GOLDEN));
        return this;
    }

    /** Feeds a flag. */
    public ViewDigest add(boolean value) {
        return add(value ? 1L : 2L);
    }

    /** Feeds a string: its length, then its characters. */
    public ViewDigest add(String value) {
        long h = 0xcbf2_9ce4_8422_2325L ^ value.length();
        for (int i = 0; i < value.length(); i++) {
            h = (h ^ value.charAt(i)) * 0x0100_0000_01b3L;
        }
        return add(h);
    }

    /** The digest of what was fed so far. */
    public long value() {
        return mix(state);
    }

    /** One pending timer, as {@link TimerView} has it: a term of the timers' sum. */
    public static long ofTimer(TimerKind kind, String monitorId, long dueAtMs) {
        return start(1).add(kind.ordinal()).add(monitorId).add(dueAtMs).value();
    }

    /** One attempt whose probe is out: a term of the sum compared with the probes the engine holds open. */
    public static long ofAttempt(String monitorId, int operation, int attempt) {
        return start(4).add(monitorId).add(operation).add(attempt).value();
    }

    /** Starts one monitor's chain with the fields of {@link MonitorView} that come before its lists. */
    public static ViewDigest monitor(String id, boolean monitoring, Status status) {
        return start(3).add(id).add(monitoring).add(status.ordinal());
    }

    /** Feeds an optional number: presence, then the value. */
    public ViewDigest addOptional(boolean present, long value) {
        return present ? add(1L).add(value) : add(0L);
    }

    /** Feeds one history entry, as {@link HistoryEntry} has it. */
    public ViewDigest addHistoryEntry(int operation, long atMs, Status status, long responseTimeMs, String details) {
        return add(operation).add(atMs).add(status.ordinal()).add(responseTimeMs).add(details);
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
