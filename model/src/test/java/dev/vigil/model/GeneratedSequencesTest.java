package dev.vigil.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Generated sequences from seeded generators: the model never throws, every invariant holds, and
 * every sequence replays from its seed. {@code -Dvigil.model.seed=N} runs one seed;
 * {@code -Dvigil.model.seeds=N} changes how many.
 */
class GeneratedSequencesTest {

    private static final int SEEDS = Integer.getInteger("vigil.model.seeds", 400);
    private static final int EVENTS_MAX = Integer.getInteger("vigil.model.eventsMax", 250);

    private static long[] seeds() {
        Long only = Long.getLong("vigil.model.seed");
        if (only != null) {
            return new long[] {only};
        }
        long[] seeds = new long[SEEDS];
        for (int i = 0; i < SEEDS; i++) {
            seeds[i] = 0x5EED_0000L + i;
        }
        return seeds;
    }

    @Test
    void theModelNeverThrowsAndEveryInvariantHolds() {
        long steps = 0;
        for (long seed : seeds()) {
            RandomRun.Run run = RandomRun.run(seed, Stepper.MODEL, RandomRun.SCOPE, EVENTS_MAX);
            assertThat(run.violations()).as(run::describe).isEmpty();
            steps += run.trace().size();
        }
        assertThat(steps).isEqualTo((long) seeds().length * EVENTS_MAX);
    }

    @Test
    void everySequenceReplaysFromItsSeed() {
        for (long seed : new long[] {1, 2, 3, 42, 0x5EED_0007L}) {
            RandomRun.Run first = RandomRun.run(seed, Stepper.MODEL, RandomRun.SCOPE, EVENTS_MAX);
            RandomRun.Run second = RandomRun.run(seed, Stepper.MODEL, RandomRun.SCOPE, EVENTS_MAX);
            assertThat(second.trace()).as("seed %d", seed).isEqualTo(first.trace());
            assertThat(second.last()).as("seed %d", seed).isEqualTo(first.last());
            assertThat(second.last().view()).as("seed %d", seed).isEqualTo(first.last().view());
        }
    }

    @Test
    void generatedSequencesReachTheInterestingStates() {
        // A generator that never reaches these would make the other tests vacuous.
        boolean[] seen = new boolean[6];
        for (long seed = 0; seed < 40; seed++) {
            RandomRun.run(seed, Stepper.MODEL, RandomRun.SCOPE, EVENTS_MAX, s -> {
                seen[0] |= s.registry().values().exists(op -> !op.isActive());
                seen[1] |= s.monitors().values().exists(m -> m.activeOperations().exists(n -> s.operation(n).isEmpty()));
                seen[2] |= s.monitors().values().exists(m -> m.waitingManual().isDefined());
                seen[3] |= s.crashed();
                seen[4] |= s.monitors().values().exists(m -> m.status() == Status.DOWN);
                seen[5] |= s.monitors().values().exists(m -> !m.monitoring() && m.history().nonEmpty());
            });
        }
        assertThat(seen).as("cancelled, stale id, waiting request, crashed, DOWN, paused with history").containsOnly(true);
    }
}
