package dev.vigil.simulation.cli;

import dev.vigil.simulation.runner.SeedRange;
import picocli.CommandLine.Option;

/** {@code --shard K/N}: run one disjoint part of a command's work. Shared by run and explore. */
final class ShardOption {
    @Option(names = "--shard", paramLabel = "K/N",
            description = "Only shard K of N (1-based, disjoint parts); defaults to JOB_COMPLETION_INDEX+1 of VIGIL_SHARD_COUNT when those are set.")
    String shard;

    /** {@code range}'s part for this shard (see {@link Sharding}). */
    SeedRange apply(SeedRange range) {
        return Sharding.apply(range, shard);
    }
}
