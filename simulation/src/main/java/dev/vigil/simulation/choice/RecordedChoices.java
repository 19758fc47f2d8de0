package dev.vigil.simulation.choice;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws choices from a seeded generator, or replays a recorded list, and records every value
 * drawn. Replaying past the end of the list answers 0 (the simplest choice), and a recorded value
 * that no longer fits a smaller bound is clamped, so any edited list is still a valid run.
 */
public final class RecordedChoices implements ChoiceSource {
    /** Caps a run's draws, so an edited or hostile list can never make a run endless. */
    public static final int DRAWS_MAX = 10_000_000;

    private final SplittableRandom random;
    private final int[] replay;
    private final List<Integer> recorded = new ArrayList<>();

    private RecordedChoices(SplittableRandom random, int[] replay) {
        this.random = random;
        this.replay = replay;
    }

    /** Fresh choices from {@code seed}. */
    public static RecordedChoices fromSeed(long seed) {
        return new RecordedChoices(new SplittableRandom(seed), null);
    }

    /** The given choices, then zeros. */
    public static RecordedChoices replaying(List<Integer> choices) {
        return new RecordedChoices(null, choices.stream().mapToInt(Integer::intValue).toArray());
    }

    @Override
    public int draw(int bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("bound = " + bound + " must be >= 1");
        }
        int index = recorded.size();
        if (index >= DRAWS_MAX) {
            throw new IllegalStateException("a run drew more than " + DRAWS_MAX + " choices; is it endless?");
        }
        int value;
        if (replay != null) {
            value = index < replay.length ? Math.min(Math.max(replay[index], 0), bound - 1) : 0;
        } else {
            value = random.nextInt(bound);
        }
        recorded.add(value);
        return value;
    }

    @Override
    public int drawn() {
        return recorded.size();
    }

    /** Every value drawn so far, in order: with the run's configuration, a complete trace. */
    public List<Integer> recorded() {
        return List.copyOf(recorded);
    }
}
