package dev.vigil.simulation.choice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShrinkerTest {
    @Test
    void shrinksToTheSmallestFailingSequence() {
        // Fails when some choice is at least 7: the minimum is a single 7.
        Shrinker shrinker = new Shrinker(choices -> choices.stream().anyMatch(value -> value >= 7), 1_000);
        List<Integer> failing = new ArrayList<>(List.of(3, 9, 0, 12, 5, 8, 1, 1, 2));

        assertThat(shrinker.shrink(failing)).containsExactly(7);
    }

    @Test
    void keepsWhatTheFailureNeedsAndTrimsTrailingZeros() {
        // Fails when the sum is at least 10 and there are at least two choices.
        Shrinker shrinker = new Shrinker(choices -> choices.size() >= 2 && choices.stream().mapToInt(Integer::intValue).sum() >= 10, 1_000);

        List<Integer> shrunk = shrinker.shrink(List.of(4, 4, 4, 4, 0, 0));

        // Values only ever get smaller, so three fours become the smallest three that still add up to 10.
        assertThat(shrunk).hasSize(3);
        assertThat(shrunk.stream().mapToInt(Integer::intValue).sum()).isEqualTo(10);
    }

    @Test
    void respectsItsRunBudget() {
        Shrinker shrinker = new Shrinker(choices -> true, 5);
        shrinker.shrink(List.of(1, 2, 3, 4, 5, 6, 7, 8));
        assertThat(shrinker.runs()).isLessThanOrEqualTo(5);
    }
}
