package dev.vigil.simulation.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedRangeTest {
    @Test
    void shardsAreDisjointAndCoverTheRange() {
        SeedRange whole = SeedRange.of(100, 37);
        List<Long> union = new ArrayList<>();
        for (int k = 1; k <= 4; k++) {
            union.addAll(whole.shard(k + "/4").seeds());
        }
        Set<Long> distinct = new HashSet<>(union);
        assertThat(union).hasSize(37);
        assertThat(distinct).containsExactlyInAnyOrderElementsOf(whole.seeds());
    }

    @Test
    void rejectsMalformedShards() {
        SeedRange whole = SeedRange.of(1, 10);
        assertThatThrownBy(() -> whole.shard("5/4")).hasMessageContaining("1 ≤ K ≤ N");
        assertThatThrownBy(() -> whole.shard("x")).hasMessageContaining("K/N");
        assertThatThrownBy(() -> whole.shard("a/b")).hasMessageContaining("whole numbers");
    }
}
