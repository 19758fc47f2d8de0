package dev.vigil.simulation.variant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.EngineClock;
import dev.vigil.engine.node.NodeParts;
import org.junit.jupiter.api.Test;

/** The node-clock variant's mistake: only a skewed wall clock makes its belief differ from the engine's. */
class NodeVariantTest {
    private static final long LEASE_MS = 3_000;

    @Test
    void aNodeClockBehindTheDatabaseBelievesTheLeaseLongerByTheSkew() {
        NodeParts.LeaseHorizon wrong = NodeVariant.LEASE_ON_NODE_CLOCK.parts().horizon();
        NodeParts.LeaseHorizon right = NodeVariant.REAL.parts().horizon();
        // Renewal started at monotonic 100; the database's now was 100 as well; the node reads its clocks at 100.
        assertThat(wrong.validUntilMonoMs(100, 100, LEASE_MS, clock(100, 100))).isEqualTo(right.validUntilMonoMs(100, 100, LEASE_MS, clock(100, 100)));
        assertThat(wrong.validUntilMonoMs(100, 100, LEASE_MS, clock(100, 100 - 2_000)))
                .isEqualTo(right.validUntilMonoMs(100, 100, LEASE_MS, clock(100, 100 - 2_000)) + 2_000);
    }

    private static EngineClock clock(long monotonicMs, long wallMs) {
        return new EngineClock() {
            @Override
            public long monotonicMs() {
                return monotonicMs;
            }

            @Override
            public long wallTimeMs() {
                return wallMs;
            }
        };
    }
}
