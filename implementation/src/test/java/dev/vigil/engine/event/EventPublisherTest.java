package dev.vigil.engine.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventPublisherTest {
    @Test
    void aThrowingListenerDoesNotStopTheOthers() {
        List<EngineEvent> seen = new ArrayList<>();
        EventPublisher publisher = new EventPublisher(List.of(
                event -> {
                    throw new IllegalStateException("listener bug");
                },
                seen::add));

        EngineEvent event = new EngineEvent.MonitoringStarted("m1");
        publisher.publish(event);
        publisher.publish(event);

        assertThat(seen).containsExactly(event, event);
    }

    @Test
    void listenersCanBeRemoved() {
        List<EngineEvent> seen = new ArrayList<>();
        EngineListener listener = seen::add;
        EventPublisher publisher = new EventPublisher(List.of());
        publisher.add(listener);
        assertThat(publisher.remove(listener)).isTrue();

        publisher.publish(new EngineEvent.MonitoringStopped("m1"));

        assertThat(seen).isEmpty();
    }
}
