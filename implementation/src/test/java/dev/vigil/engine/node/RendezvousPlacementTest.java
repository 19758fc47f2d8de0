package dev.vigil.engine.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** SPEC §6 N7's placement policy: every node computes the same owner, monitors spread, and a node's death moves only its own monitors. */
class RendezvousPlacementTest {
    private static final List<String> MONITORS = IntStream.range(0, 3_000).mapToObj(i -> "monitor-" + i).toList();
    private static final RendezvousPlacement PLACEMENT = RendezvousPlacement.INSTANCE;

    private static Map<String, String> place(List<String> nodes) {
        return MONITORS.stream().collect(Collectors.toMap(Function.identity(), monitor -> PLACEMENT.choose(monitor, nodes)));
    }

    @Test
    void monitorsSpreadEvenlyOverThreeNodes() {
        Map<String, Long> perNode = place(List.of("a", "b", "c")).values().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(perNode).containsOnlyKeys("a", "b", "c");
        assertThat(perNode.values()).allSatisfy(count -> assertThat(count).isBetween(900L, 1_100L));
    }

    @Test
    void whenANodeDiesOnlyItsMonitorsMove() {
        Map<String, String> before = place(List.of("a", "b", "c"));
        Map<String, String> after = place(List.of("a", "c"));
        for (String monitor : MONITORS) {
            if (!before.get(monitor).equals("b")) {
                assertThat(after.get(monitor)).as(monitor).isEqualTo(before.get(monitor));
            }
        }
    }

    @Test
    void theOrderOfTheLiveNodesDoesNotMatter() {
        assertThat(place(List.of("c", "a", "b"))).isEqualTo(place(List.of("a", "b", "c")));
    }

    @Test
    void noLiveNodeIsAProgrammingError() {
        assertThatThrownBy(() -> PLACEMENT.choose("m", List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no live node");
    }
}
