package dev.vigil.engine.lane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
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

    @Test
    void aLaneLastsOnlyWhileSomeoneIsInItEvenAcrossReentryAndFailures() {
        MonitorLanes lanes = new MonitorLanes();
        lanes.run("m1", () -> {
            lanes.run("m1", () -> assertThat(lanes.laneCount()).isEqualTo(1));
            lanes.run("m2", () -> assertThat(lanes.laneCount()).isEqualTo(2));
            assertThat(lanes.isHeldByCurrentThread("m1")).isTrue();
            assertThat(lanes.laneCount()).isEqualTo(1);
        });
        try {
            lanes.run("m3", () -> {
                throw new IllegalStateException("the action failed");
            });
        } catch (IllegalStateException expected) {
            // The lane must still be left and dropped.
        }

        assertThat(lanes.laneCount()).isZero();
        assertThat(lanes.anyHeldByCurrentThread()).isFalse();
    }

    @Test
    void threadsWaitingForALaneShareOneLockAndLeaveNoLaneBehind() throws InterruptedException {
        MonitorLanes lanes = new MonitorLanes();
        int threads = 8;
        int rounds = 2_000;
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int round = 0; round < rounds; round++) {
                    // Entering and leaving as fast as possible makes the lane be dropped and
                    // created again while others are about to enter: the race a drop could lose.
                    lanes.run("m1", () -> {
                        if (inside.incrementAndGet() != 1) {
                            overlaps.incrementAndGet();
                        }
                        inside.decrementAndGet();
                    });
                }
            }));
        }
        start.countDown();
        for (Thread worker : workers) {
            assertThat(worker.join(java.time.Duration.ofMinutes(1))).isTrue();
        }

        assertThat(overlaps).hasValue(0);
        assertThat(lanes.laneCount()).isZero();
    }
}
