package dev.vigil.simulation.variant;

import dev.vigil.engine.EngineClock;
import dev.vigil.engine.node.NodeKeeper;
import dev.vigil.engine.node.NodeParts;
import dev.vigil.engine.spi.EngineRuntime;
import dev.vigil.engine.store.MonitorRepository;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The engine's multi-node code (SPEC §6, N4–N5) as the simulation runs it: the real composition, and
 * one known mistake per buggy constant, put in through {@link NodeParts}. Kept apart from {@link
 * Variants}, whose list the single-node harness iterates.
 */
public enum NodeVariant {
    /** The engine as it ships. */
    REAL("real", "the engine's node composition as it ships", NodeParts.CORRECT),
    /** A node keeps probing after its lease lapsed: its monitors' timers run without asking whether it still holds them. */
    TIMERS_UNGUARDED("node-timers-unguarded", "a node's monitor timers are not guarded: it keeps probing after its lease lapsed",
            new NodeParts() {
                @Override
                public EngineRuntime runtime(NodeKeeper keeper, EngineRuntime runtime) {
                    return runtime;
                }
            }),
    /** Begin, apply and unlist without the fencing check: a lapsed node's late result is written. */
    WRITES_UNFENCED("node-writes-unfenced", "begin, apply and unlist carry no fence: the store never checks the lease holder",
            new NodeParts() {
                @Override
                public MonitorRepository repository(NodeKeeper keeper, MonitorRepository repository) {
                    return repository;
                }
            }),
    /** The database's lease expiry compared with the node's own wall clock: a clock behind believes a lapsed lease. */
    LEASE_ON_NODE_CLOCK("node-lease-on-node-clock", "lease expiry judged on the node's wall clock instead of the database's",
            new NodeParts() {
                @Override
                public LeaseHorizon horizon() {
                    return NodeVariant::expiryOnNodeClock;
                }
            }),
    /** A claim with the token the node held before is taken for the old holding: a monitor added again under its id keeps the old one's settings. */
    CLAIM_BY_TOKEN("node-claim-by-token", "a claim with the token already held is not a new holding: a re-added monitor is checked with its old settings",
            new NodeParts() {
                @Override
                public boolean claimIsNewHolding() {
                    return false;
                }
            }),
    /** A command reads the row without acting on other nodes' changes in it first: a stop made elsewhere is never acted on. */
    COMMANDS_WITHOUT_CATCH_UP("node-commands-without-catch-up",
            "a command reads other nodes' changes into memory without acting on them: the owner never cancels a stop's operation",
            new NodeParts() {
                @Override
                public boolean commandsCatchUp() {
                    return false;
                }
            }),
    /** The owner's checkNow callers of a monitor another node removed fail as for a lost lease, not as for an unknown monitor. */
    REMOVAL_FAILS_CALLERS_AS_DISCARDED("node-removal-fails-callers-as-discarded",
            "a monitor removed on another node fails its owner's checkNow callers as discarded (lease lost) instead of unknown",
            new NodeParts() {
                @Override
                public boolean removalFailsCallersAsUnknown() {
                    return false;
                }
            }),
    /** The callers of a forwarded checkNow never ask again: a request lost with its owner's lease is never run. */
    FORWARDED_CALLERS_NEVER_ASK_AGAIN("node-forwarded-callers-never-ask-again",
            "a forwarded checkNow is asked once: lost with the lease of the owner that counted it, its stage waits for good",
            new NodeParts() {
                @Override
                public boolean forwardedCallersAskAgain() {
                    return false;
                }
            }),
    /** A request counted before a stop runs after it: a monitor stopped since is checked again. */
    STALE_REQUEST_AFTER_STOP("node-stale-request-after-stop",
            "a node runs the check requests it finds on a monitor stopped since it last read it: one made before the stop checks it again",
            new NodeParts() {
                @Override
                public boolean stopLeavesRequestsBeforeIt() {
                    return false;
                }
            }),
    /** A start and a stop made elsewhere between two reads go unseen: the owner's check of the paused monitor runs on. */
    PAUSED_ROW_CHANGE_IGNORED("node-paused-row-change-ignored",
            "an owner that reads a monitor paused, as it last saw it, ignores the commands that changed its row since: a stop among"
                    + " them leaves its manual check running",
            new NodeParts() {
                @Override
                public boolean pausedRowChangedCancels() {
                    return false;
                }
            });

    private final String cliName;
    private final String description;
    private final NodeParts parts;

    NodeVariant(String cliName, String description, NodeParts parts) {
        this.cliName = cliName;
        this.description = description;
        this.parts = parts;
    }

    /** The database's expiry read as a time of the node's wall clock, then turned into its monotonic one. */
    private static long expiryOnNodeClock(long startedMonoMs, long databaseNowMs, long leaseMs, EngineClock clock) {
        return clock.monotonicMs() + (databaseNowMs + leaseMs - clock.wallTimeMs());
    }

    /** The name the command line and reports use. */
    public String cliName() {
        return cliName;
    }

    /** One line: what the variant gets wrong. */
    public String description() {
        return description;
    }

    /** How the variant's nodes are composed. */
    public NodeParts parts() {
        return parts;
    }

    /**
     * Whether its mistake shows only when users update monitors, remove and add them again, or
     * call checkNow: random runs with edits catch it; the start-and-stop runs and the explored
     * two-node scope (whose model has neither settings, removal nor checkNow) do not reach it.
     */
    public boolean needsEdits() {
        return switch (this) {
            case CLAIM_BY_TOKEN, COMMANDS_WITHOUT_CATCH_UP, REMOVAL_FAILS_CALLERS_AS_DISCARDED, FORWARDED_CALLERS_NEVER_ASK_AGAIN,
                    STALE_REQUEST_AFTER_STOP, PAUSED_ROW_CHANGE_IGNORED -> true;
            case REAL, TIMERS_UNGUARDED, WRITES_UNFENCED, LEASE_ON_NODE_CLOCK -> false;
        };
    }

    /**
     * Whether random runs with two nodes catch the variant within {@code verify}'s seed budget.
     * {@link #PAUSED_ROW_CHANGE_IGNORED} needs a start and a stop made elsewhere within one
     * renewal period of the owner while its manual check of the paused monitor is out: one seed
     * in thousands with three nodes. Its catch is a written schedule,
     * {@code NodeScript.startedAndStoppedElsewhereBetweenTwoRenewals}, which {@code verify} runs.
     */
    public boolean randomRunsCatch() {
        return this != PAUSED_ROW_CHANGE_IGNORED;
    }

    /** Whether the variant carries a known mistake that the node invariants must catch. */
    public boolean buggy() {
        return this != REAL;
    }

    /**
     * The variant named {@code name}.
     *
     * @param name a {@link #cliName()}
     * @return the variant
     * @throws IllegalArgumentException naming the known ones, if none is called so
     */
    public static NodeVariant named(String name) {
        return Arrays.stream(values()).filter(variant -> variant.cliName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown node variant '" + name + "'; known: "
                        + Arrays.stream(values()).map(NodeVariant::cliName).collect(Collectors.joining(", "))));
    }

    /** The buggy ones, in declaration order. */
    public static List<NodeVariant> buggyOnes() {
        return Arrays.stream(values()).filter(NodeVariant::buggy).toList();
    }
}
