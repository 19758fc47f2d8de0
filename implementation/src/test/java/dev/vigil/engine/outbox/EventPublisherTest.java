package dev.vigil.engine.outbox;

import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.event.EngineListener;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.EngineClock;
import dev.vigil.engine.lane.MonitorLanes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventPublisherTest {
    private final List<Runnable> deliveries = new ArrayList<>();
    private final MonitorLanes lanes = new MonitorLanes();

    private void deliverAll() {
        while (!deliveries.isEmpty()) {
            deliveries.removeFirst().run();
        }
    }

    @Test
    void publishingDeliversNothingUntilTheListenerExecutorRuns() {
        List<EngineEvent> seen = new ArrayList<>();
        EventPublisher publisher = new EventPublisher(List.of(seen::add), deliveries::add, lanes, EngineClock.system());
        EngineEvent started = new EngineEvent.MonitoringStarted("m1");
        EngineEvent stopped = new EngineEvent.MonitoringStopped("m1");

        publisher.publish(started);
        publisher.publish(stopped);

        assertThat(seen).isEmpty();
        assertThat(publisher.pending()).containsExactly(started, stopped);
        deliverAll();
        assertThat(seen).containsExactly(started, stopped);
        assertThat(publisher.pending()).isEmpty();
    }

    @Test
    void aThrowingListenerDoesNotStopTheOthers() {
        List<EngineEvent> seen = new ArrayList<>();
        EventPublisher publisher = new EventPublisher(List.of(
                event -> {
                    throw new IllegalStateException("listener bug");
                },
                event -> {
                    throw new AssertionError("listener assertion");
                },
                seen::add), deliveries::add, lanes, EngineClock.system());

        EngineEvent event = new EngineEvent.MonitoringStarted("m1");
        publisher.publish(event);
        publisher.publish(event);
        deliverAll();

        assertThat(seen).containsExactly(event, event);
    }

    @Test
    void aDeliveryOnAThreadHoldingALaneIsRefused() {
        EventPublisher publisher = new EventPublisher(List.of(event -> { }), deliveries::add, lanes, EngineClock.system());
        publisher.publish(new EngineEvent.MonitoringStarted("m1"));

        assertThatThrownBy(() -> lanes.run("m2", this::deliverAll))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds a monitor lane");
    }

    @Test
    void listenersCanBeRemoved() {
        List<EngineEvent> seen = new ArrayList<>();
        EngineListener listener = seen::add;
        EventPublisher publisher = new EventPublisher(List.of(), deliveries::add, lanes, EngineClock.system());
        publisher.add(listener);
        assertThat(publisher.remove(listener)).isTrue();

        publisher.publish(new EngineEvent.MonitoringStopped("m1"));
        deliverAll();

        assertThat(seen).isEmpty();
    }

    @Test
    void listenerTimeIsMeasuredPerDeliveryOnTheEnginesClockThrowingListenersIncluded() {
        long[] nowMs = {0};
        EngineClock clock = new EngineClock() {
            @Override
            public long monotonicMs() {
                return nowMs[0];
            }

            @Override
            public long wallTimeMs() {
                return nowMs[0];
            }
        };
        EventPublisher publisher = new EventPublisher(List.of(
                event -> nowMs[0] += 7,
                event -> {
                    nowMs[0] += 3;
                    throw new IllegalStateException("slow and broken");
                }), deliveries::add, lanes, clock);

        publisher.publish(new EngineEvent.MonitoringStarted("m1"));
        publisher.publish(new EngineEvent.MonitoringStopped("m1"));
        assertThat(publisher.deliveries()).isZero();
        deliverAll();

        assertThat(publisher.deliveries()).isEqualTo(2);
        assertThat(publisher.listenerTimeNs()).isEqualTo(2 * 10 * 1_000_000L);
    }
}
