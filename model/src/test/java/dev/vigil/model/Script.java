package dev.vigil.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A short event sequence for table tests: steps the model and checks I1–I8 after every event. */
final class Script {

    static final ModelSettings SETTINGS = new ModelSettings(2_000, 1_000, 1);

    private ModelState state = ModelState.initial();
    private Step last;
    private final List<String> trace = new ArrayList<>();

    static Script begin() {
        return new Script();
    }

    /** Steps {@code event} at {@code atMs} and asserts that no invariant breaks. */
    Script at(long atMs, ModelEvent event) {
        Step step = Model.step(state, atMs, event);
        trace.add("event " + trace.size() + " @" + atMs + ": " + step.note());
        assertThat(Invariants.check(state, event, step.next())).as("invariants after %s", trace).isEmpty();
        state = step.next();
        last = step;
        return this;
    }

    /** Steps {@code event} now. */
    Script then(ModelEvent event) {
        return at(state.nowMs(), event);
    }

    /** Fires the pending timer of this kind and monitor at its due time. */
    Script fire(TimerKind kind, String monitorId) {
        Timer timer = timer(kind, monitorId).orElseThrow(() -> new AssertionError("no " + kind + " pending for " + monitorId
                + " in " + state.pendingTimers()));
        return at(timer.dueAtMs(), timer.event());
    }

    /** The in-flight attempt of {@code monitorId} returns at {@code atMs}. */
    Script returns(long atMs, String monitorId, Outcome outcome) {
        InFlightAttempt a = state.inFlight().find(f -> f.monitorId().equals(monitorId))
                .getOrElseThrow(() -> new AssertionError("no probe out for " + monitorId));
        return at(atMs, new ModelEvent.AttemptCompleted(a.operation(), a.attempt(), outcome, atMs - a.startedAtMs()));
    }

    Optional<Timer> timer(TimerKind kind, String monitorId) {
        return state.pendingTimers().find(t -> t.kind() == kind && t.monitorId().equals(monitorId)).toJavaOptional();
    }

    ModelState state() {
        return state;
    }

    Step last() {
        return last;
    }

    ObservableView view() {
        return state.view();
    }

    MonitorView monitor(String id) {
        return state.view().monitor(id).orElseThrow(() -> new AssertionError("no monitor " + id));
    }

    /** The compared events the last step emitted. */
    List<Observation> lastEvents() {
        return last.observations().filter(Observation::compared).toJavaList();
    }

    static MonitorView paused(String id, HistoryEntry... history) {
        return view(id, false, Status.PAUSED, List.of(), Optional.empty(), history);
    }

    /** A monitor's view; its last check's time and response time are those of its last history record. */
    static MonitorView view(String id, boolean monitoring, Status status, List<Integer> ops, Optional<Boolean> waiting,
                            HistoryEntry... history) {
        Optional<HistoryEntry> last = history.length == 0 ? Optional.empty() : Optional.of(history[history.length - 1]);
        return new MonitorView(id, monitoring, status, ops, last.map(HistoryEntry::atMs), last.map(HistoryEntry::responseTimeMs).orElse(0L),
                waiting, List.of(history));
    }

    /** A history record of an UP result answered after {@code latencyMs}. */
    static HistoryEntry up(int operation, long atMs, long latencyMs) {
        return new HistoryEntry(operation, atMs, Status.UP, latencyMs, Outcome.UP.recordedDetails());
    }

    /** A history record of an attempt that timed out after {@code timeoutMs}. */
    static HistoryEntry timedOut(int operation, long atMs, long timeoutMs) {
        return new HistoryEntry(operation, atMs, Status.DOWN, timeoutMs, "timed out after " + timeoutMs + " ms");
    }
}
