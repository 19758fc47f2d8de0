package dev.vigil.simulation.choice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecordedChoicesTest {
    @Test
    void aSeedGivesTheSameChoicesAndTheRecordReplaysThem() {
        RecordedChoices first = RecordedChoices.fromSeed(42);
        RecordedChoices second = RecordedChoices.fromSeed(42);
        for (int i = 0; i < 100; i++) {
            assertThat(first.draw(1_000)).isEqualTo(second.draw(1_000));
        }
        RecordedChoices replay = RecordedChoices.replaying(first.recorded());
        for (int value : first.recorded()) {
            assertThat(replay.draw(1_000)).isEqualTo(value);
        }
    }

    @Test
    void replayClampsToSmallerBoundsAndAnswersZeroPastTheEnd() {
        RecordedChoices replay = RecordedChoices.replaying(List.of(9, -3));
        assertThat(replay.draw(5)).isEqualTo(4);
        assertThat(replay.draw(5)).isZero();
        assertThat(replay.draw(5)).isZero();
        assertThat(replay.recorded()).containsExactly(4, 0, 0);
    }

    @Test
    void generatorsBuildValuesFromChoices() {
        Gen<List<Integer>> lists = Gen.lists(Gen.integers(10, 20), 0, 5);
        RecordedChoices choices = RecordedChoices.fromSeed(7);
        List<Integer> value = lists.generate(choices);
        assertThat(value).hasSizeBetween(0, 5).allSatisfy(element -> assertThat(element).isBetween(10, 20));
        assertThat(lists.generate(RecordedChoices.replaying(choices.recorded()))).isEqualTo(value);
        assertThat(lists.generate(RecordedChoices.replaying(List.of()))).isEmpty();
        assertThatThrownBy(() -> Gen.weighted(List.of("a"), new int[] {0})).hasMessageContaining("all weights are 0");
    }
}
