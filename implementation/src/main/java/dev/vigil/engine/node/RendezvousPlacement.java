package dev.vigil.engine.node;

import dev.vigil.engine.store.NodeLeases;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The placement policy of a multi-node engine (SPEC §6, N7): rendezvous (highest random weight)
 * hashing. Every node scores each live node for a monitor with a hash of (monitor id, node id)
 * and gives the monitor to the highest score, ties to the smaller node id. All nodes compute the
 * same answer from the same list of live nodes, with no coordination beyond the store; monitors
 * spread evenly, and when a node dies only its own monitors move. A pure function: FNV-1a over
 * the UTF-8 bytes, then a 64-bit finalizer, identical in every JVM.
 */
public final class RendezvousPlacement implements NodeLeases.Placement {
    /** The one instance: the policy has no state. */
    public static final RendezvousPlacement INSTANCE = new RendezvousPlacement();

    private RendezvousPlacement() {
    }

    @Override
    public String choose(String monitorId, List<String> liveNodeIds) {
        if (liveNodeIds.isEmpty()) {
            throw new IllegalArgumentException("no live node to place monitor " + monitorId + " on");
        }
        String best = null;
        long bestScore = 0;
        for (String node : liveNodeIds) {
            long score = score(monitorId, node);
            if (best == null || Long.compareUnsigned(score, bestScore) > 0 || (score == bestScore && node.compareTo(best) < 0)) {
                best = node;
                bestScore = score;
            }
        }
        return best;
    }

    /** The weight of {@code nodeId} for {@code monitorId}. */
    static long score(String monitorId, String nodeId) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : (monitorId + '\u0000' + nodeId).getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        // splitmix64's finalizer: FNV alone lets near-identical node ids score alike.
        hash ^= hash >>> 30;
        hash *= 0xbf58476d1ce4e5b9L;
        hash ^= hash >>> 27;
        hash *= 0x94d049bb133111ebL;
        return hash ^ (hash >>> 31);
    }
}
