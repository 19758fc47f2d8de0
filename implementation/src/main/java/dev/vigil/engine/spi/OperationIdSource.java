package dev.vigil.engine.spi;

/**
 * Issues candidate operation ids; the engine rejects {@code null}, blank and live ones and asks
 * again, up to {@link #CANDIDATES_PER_OPERATION_MAX} candidates per check. A check that gets no
 * fresh id does not begin (SPEC R18).
 */
@FunctionalInterface
public interface OperationIdSource {
    /** How many candidates the engine asks for, per check, before it gives that check up. */
    int CANDIDATES_PER_OPERATION_MAX = 5;

    /**
     * The next candidate id.
     *
     * @return a candidate; blank or live ones are rejected by the registry
     */
    String nextId();

    /**
     * A 64-bit digest of an id, the term {@link EngineDiagnostics#liveOperationsDigest} sums an
     * operation by. Equal ids must give equal digests, and different ones different digests but
     * for the odds of a collision. The default hashes the id's characters; a source that numbers
     * its ids (a simulator's) may digest them by their number, so that a model that knows only
     * the numbers can compute the same sum.
     *
     * @param id an id, issued by this source or not
     * @return its digest
     */
    default long digestOf(String id) {
        return LiveOperation.digestOfCharacters(id);
    }
}
