package dev.vigil.simulation.cli;

import dev.vigil.simulation.runner.SeedRange;

/**
 * Picks the shard: {@code --shard K/N} if given, else {@code JOB_COMPLETION_INDEX} (0-based, as a
 * Kubernetes Indexed Job sets it) with {@code VIGIL_SHARD_COUNT}, else the whole range.
 */
final class Sharding {
    private Sharding() {
    }

    static SeedRange apply(SeedRange range, String shardOption) {
        if (shardOption != null) {
            return range.shard(shardOption);
        }
        String index = System.getenv("JOB_COMPLETION_INDEX");
        if (index == null || index.isBlank()) {
            return range;
        }
        String count = System.getenv("VIGIL_SHARD_COUNT");
        if (count == null || count.isBlank()) {
            throw new IllegalArgumentException("JOB_COMPLETION_INDEX is set but VIGIL_SHARD_COUNT is not: set it to the number of shards");
        }
        try {
            return range.shard((Integer.parseInt(index.strip()) + 1) + "/" + count.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("JOB_COMPLETION_INDEX '" + index + "' is not a whole number");
        }
    }
}
