package dev.vigil.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The observable view is a plain value with a readable diff. */
class ObservableViewTest {

    private static MonitorView monitor(String id, Status status) {
        return new MonitorView(id, status != Status.PAUSED, status, List.of(), Optional.empty(), 0, Optional.empty(), List.of());
    }

    private static ObservableView view(MonitorView... monitors) {
        return new ObservableView(List.of(monitors), Map.of(), List.of(), List.of(), List.of(), false);
    }

    @Test
    void aStatusMismatchReadsAsOneLine() {
        ObservableView expected = view(monitor("m1", Status.UP), new MonitorView("m2", true, Status.PAUSED, List.of(), Optional.empty(), 0, Optional.empty(), List.of()));
        ObservableView engine = view(monitor("m1", Status.UP), new MonitorView("m2", true, Status.UP, List.of(), Optional.empty(), 0, Optional.empty(), List.of()));
        assertThat(expected.diff(engine)).containsExactly("monitor m2: status expected PAUSED, engine has UP");
        assertThat(expected.diff(engine, "event 17: " + new ModelEvent.AttemptCompleted(4, 1, Outcome.UP, 10).describe()))
                .containsExactly("monitor m2: status expected PAUSED, engine has UP (after event 17: attemptCompleted op#4 UP)");
    }

    @Test
    void everyPartOfTheViewIsCompared() {
        ObservableView expected = new ObservableView(
                List.of(new MonitorView("m1", true, Status.PENDING, List.of(4), Optional.of(100L), 7, Optional.of(true),
                        List.of(new HistoryEntry(3, 100, Status.UP, 7, "up")))),
                Map.of(4, OperationState.ACTIVE),
                List.of(new TimerView(TimerKind.TICK, "m1", 2_000)),
                List.of(new Observation.MonitoringStarted("m1")),
                List.of(new Observation.MonitoringStopped("m1")),
                false);
        ObservableView engine = new ObservableView(
                List.of(new MonitorView("m1", true, Status.PENDING, List.of(), Optional.of(100L), 9, Optional.empty(),
                        List.of(new HistoryEntry(3, 100, Status.DOWN, 9, "down"))), monitor("m9", Status.PAUSED)),
                Map.of(4, OperationState.CANCELLED, 5, OperationState.ACTIVE),
                List.of(new TimerView(TimerKind.TICK, "m1", 2_500)),
                List.of(new Observation.MonitoringStarted("m1"), new Observation.MonitoringStopped("m1")),
                List.of(),
                true);
        assertThat(expected.diff(engine)).containsExactly(
                "crashed expected false, engine has true",
                "monitor m1: activeOperations expected [4], engine has []",
                "monitor m1: responseTimeMs expected 7, engine has 9",
                "monitor m1: waiting request expected manual, engine has none",
                "monitor m1: history #0 expected op#3@100 UP 7ms 'up', engine has op#3@100 DOWN 9ms 'down'",
                "monitor m9: expected none, engine has it",
                "operation #4 expected ACTIVE, engine has CANCELLED",
                "operation #5 expected none, engine has ACTIVE",
                "timers: expected TICK m1 @2000, engine has none",
                "timers: engine has unexpected TICK m1 @2500",
                "events expected 1 entries, engine has 2 (first extra: MonitoringStopped m1)",
                "undelivered events expected 1 entries, engine has 0 (first missing: MonitoringStopped m1)");
        assertThat(engine.diff(expected)).contains("monitor m9: expected present, engine has none");
    }

    @Test
    void equalityIgnoresCollectionOrderAndDiagnostics() {
        ObservableView a = new ObservableView(List.of(monitor("m2", Status.UP), monitor("m1", Status.DOWN)),
                Map.of(2, OperationState.ACTIVE, 1, OperationState.CANCELLED),
                List.of(new TimerView(TimerKind.TICK, "m2", 5), new TimerView(TimerKind.DEADLINE, "m1", 3)),
                List.of(new Observation.CheckDiscarded("m1", 1, "x"), new Observation.MonitoringStarted("m1"),
                        new Observation.CommandFailed("y")),
                List.of(),
                false);
        ObservableView b = new ObservableView(List.of(monitor("m1", Status.DOWN), monitor("m2", Status.UP)),
                new java.util.TreeMap<>(Map.of(1, OperationState.CANCELLED, 2, OperationState.ACTIVE)),
                List.of(new TimerView(TimerKind.DEADLINE, "m1", 3), new TimerView(TimerKind.TICK, "m2", 5)),
                List.of(new Observation.MonitoringStarted("m1")),
                List.of(),
                false);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.diff(b)).isEmpty();
        assertThat(a.monitors()).extracting(MonitorView::id).containsExactly("m1", "m2");
    }

    @Test
    void theModelsViewIsAValueThatDoesNotChangeLater() {
        Script s = Script.begin().at(0, new ModelEvent.Add("m1", Script.SETTINGS));
        ObservableView before = s.view();
        s.then(new ModelEvent.Start("m1"));
        assertThat(before).isEqualTo(view(monitor("m1", Status.PAUSED)));
        assertThat(s.view()).isNotEqualTo(before);
    }
}
