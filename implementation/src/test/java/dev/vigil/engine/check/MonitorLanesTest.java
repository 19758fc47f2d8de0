package dev.vigil.engine.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which lanes the current thread holds: what the lane guards and the event publisher assert on. */
class MonitorLanesTest {

    @Test
    void aLaneIsHeldOnlyInsideItAndOnlyThatLane() {
        MonitorLanes lanes = new MonitorLanes();
        assertThat(lanes.isHeldByCurrentThread("m1")).isFalse();

        lanes.run("m1", () -> {
            assertThat(lanes.isHeldByCurrentThread("m1")).isTrue();
            assertThat(lanes.isHeldByCurrentThread("m2")).isFalse();
            assertThat(lanes.anyHeldByCurrentThread()).isTrue();
        });
        lanes.run("m2", () -> { });

        assertThat(lanes.isHeldByCurrentThread("m1")).isFalse();
        assertThat(lanes.isHeldByCurrentThread("m2")).isFalse();
        assertThat(lanes.anyHeldByCurrentThread()).isFalse();
        assertThat(lanes.call("m1", () -> 42)).isEqualTo(42);
    }
}
