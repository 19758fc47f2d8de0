package dev.vigil.simulation.runner;

import java.util.ArrayList;
import java.util.List;

/**
 * The seeds of a run, {@code first … first + count - 1}, optionally restricted to shard
 * {@code shardIndex} of {@code shardCount}: shards are disjoint and together cover the range.
 *
 * @param shardIndex 0-based
 */
public record SeedRange(long first, int count, int shardIndex, int shardCount) {
    public static final int COUNT_MAX = 100_000_000;

    public SeedRange {
        if (count < 1 || count > COUNT_MAX) {
            throw new IllegalArgumentException("seeds = " + count + " must be within 1 … " + COUNT_MAX);
        }
        if (shardCount < 1 || shardIndex < 0 || shardIndex >= shardCount) {
            throw new IllegalArgumentException("shard " + (shardIndex + 1) + "/" + shardCount + " is not a shard: K/N needs 1 ≤ K ≤ N");
        }
    }

    public static SeedRange of(long first, int count) {
        return new SeedRange(first, count, 0, 1);
    }

    /** Parses {@code K/N} (1-based K), as {@code --shard} takes it. */
    public SeedRange shard(String spec) {
        String[] parts = spec.split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("--shard '" + spec + "' is not K/N, e.g. 2/4");
        }
        try {
            int k = Integer.parseInt(parts[0].strip());
            int n = Integer.parseInt(parts[1].strip());
            return new SeedRange(first, count, k - 1, n);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--shard '" + spec + "' is not K/N with whole numbers, e.g. 2/4");
        }
    }

    /** This shard's seeds, ascending. */
    public List<Long> seeds() {
        List<Long> seeds = new ArrayList<>();
        for (int i = shardIndex; i < count; i += shardCount) {
            seeds.add(first + i);
        }
        return seeds;
    }

    public String describe() {
        return describeWhole() + (shardCount == 1 ? "" : " shard " + (shardIndex + 1) + "/" + shardCount);
    }

    /** The whole range, whichever shard this is: what every shard of one run has in common. */
    public String describeWhole() {
        return first + "…" + (first + count - 1);
    }
}
