package dev.vigil.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoverageTest {

    @Test
    void anEmptyRunLeavesEveryPossiblePairUnreachedAndNoImpossibleOne() {
        RunReport.Coverage empty = RunReport.Coverage.empty();
        int cells = RunReport.Coverage.EVENTS.size() * RunReport.Coverage.STATUSES.size();
        assertThat(empty.possiblePairsNeverReached()).hasSize(cells - RunReport.Coverage.IMPOSSIBLE.size())
                .contains("UP|attemptCompleted", "NONE|crash", "PAUSED|retryDue")
                .doesNotContain("UP|crash", "PAUSED|tick", "NONE|deadline");
        assertThat(empty.impossiblePairsReached()).isEmpty();
    }

    @Test
    void aPairCalledImpossibleButReachedIsReported() {
        Map<String, Long> pairs = new HashMap<>();
        for (String event : RunReport.Coverage.EVENTS) {
            for (String status : RunReport.Coverage.STATUSES) {
                pairs.put(status + "|" + event, 1L);
            }
        }
        RunReport.Coverage everything = new RunReport.Coverage(Map.of(), pairs);
        assertThat(everything.possiblePairsNeverReached()).isEmpty();
        assertThat(everything.impossiblePairsReached()).containsExactlyElementsOf(RunReport.Coverage.IMPOSSIBLE.keySet().stream().sorted().toList());
    }

    @Test
    void everyImpossiblePairIsACellOfTheGrid() {
        for (String pair : RunReport.Coverage.IMPOSSIBLE.keySet()) {
            String[] parts = pair.split("\\|");
            assertThat(RunReport.Coverage.STATUSES).contains(parts[0]);
            assertThat(RunReport.Coverage.EVENTS).contains(parts[1]);
        }
    }
}
