package dev.vigil.simulation.choice;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Shrinks a failing choice sequence: deletes chunks of choices and makes single choices smaller,
 * re-running after each edit and keeping every edit after which the run still fails. Stops at a
 * fixed point or after {@code runsMax} runs. Shorter sequences, then smaller values, are simpler.
 */
public final class Shrinker {
    private final Predicate<List<Integer>> stillFails;
    private final int runsMax;
    private int runs;

    public Shrinker(Predicate<List<Integer>> stillFails, int runsMax) {
        this.stillFails = Objects.requireNonNull(stillFails, "stillFails");
        if (runsMax < 1) {
            throw new IllegalArgumentException("runsMax = " + runsMax + " must be >= 1");
        }
        this.runsMax = runsMax;
    }

    /** How many candidate runs the last {@link #shrink} made. */
    public int runs() {
        return runs;
    }

    public List<Integer> shrink(List<Integer> failing) {
        runs = 0;
        List<Integer> best = trimTrailingZeros(failing);
        boolean improved = true;
        while (improved && runs < runsMax) {
            improved = false;
            for (int chunk = Math.max(1, Integer.highestOneBit(Math.max(1, best.size() / 2))); chunk >= 1 && runs < runsMax; chunk /= 2) {
                for (int start = best.size() - chunk; start >= 0 && runs < runsMax; start--) {
                    List<Integer> candidate = new ArrayList<>(best.subList(0, start));
                    candidate.addAll(best.subList(Math.min(best.size(), start + chunk), best.size()));
                    if (accept(candidate)) {
                        best = trimTrailingZeros(candidate);
                        improved = true;
                        start = Math.min(start, best.size() - chunk + 1);
                    }
                }
            }
            for (int index = 0; index < best.size() && runs < runsMax; index++) {
                int value = best.get(index);
                if (value == 0) {
                    continue;
                }
                for (int smaller : new int[] {0, value / 2, value - 1}) {
                    if (smaller >= value || runs >= runsMax) {
                        continue;
                    }
                    List<Integer> candidate = new ArrayList<>(best);
                    candidate.set(index, smaller);
                    if (accept(candidate)) {
                        best = candidate;
                        improved = true;
                        break;
                    }
                }
            }
            best = trimTrailingZeros(best);
        }
        return best;
    }

    private boolean accept(List<Integer> candidate) {
        runs++;
        return stillFails.test(List.copyOf(candidate));
    }

    /** Replays answer 0 past the end, so trailing zeros carry no information. */
    private static List<Integer> trimTrailingZeros(List<Integer> choices) {
        int end = choices.size();
        while (end > 0 && choices.get(end - 1) == 0) {
            end--;
        }
        return List.copyOf(choices.subList(0, end));
    }
}
