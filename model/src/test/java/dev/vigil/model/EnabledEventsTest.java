package dev.vigil.model;

import static dev.vigil.model.Script.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.ModelEvent.Add;
import dev.vigil.model.ModelEvent.Start;
import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

/** Enabled events come in a defined order, spend the budget, and only the timers due first move time. */
class EnabledEventsTest {

    private static final Scope ONE = Scope.uniform(1, SETTINGS, 2, 1, 1);

    private static List<String> described(List<EnabledEvent> events) {
        return events.map(e -> "@" + e.atMs() + " " + e.event().describe());
    }

    @Test
    void initially_addThenFaults() {
        assertThat(described(EnabledEvents.of(ModelState.initial(), ONE, ONE.budget())))
                .containsExactly("@0 add m1 (interval 2000 ms, timeout 1000 ms, retries 1)", "@0 storeFails", "@0 crash");
    }

    @Test
    void running_commandsReturnsFirstTimersFaults() {
        ModelState s = Script.begin().at(0, new Add("m1", SETTINGS)).then(new Start("m1")).state();
        assertThat(described(EnabledEvents.of(s, ONE, ONE.budget()))).containsExactly(
                "@0 remove m1", "@0 start m1", "@0 stop m1", "@0 checkNow m1", "@0 startAll", "@0 stopAll",
                "@0 attemptCompleted op#1 UP", "@0 attemptCompleted op#1 DOWN",
                "@1000 attemptTimedOut op#1",
                "@0 storeFails", "@0 crash");
        assertThat(s.nextTimerDue().get()).isEqualTo(1_000L);
    }

    @Test
    void budgetsAreSpentAndExhausted() {
        ModelState s = ModelState.initial();
        Budget budget = ONE.budget();
        EnabledEvent add = EnabledEvents.of(s, ONE, budget).head();
        assertThat(add.remaining().commandsLeft("m1")).isEqualTo(1);
        s = Model.step(s, add.atMs(), add.event()).next();
        EnabledEvent remove = EnabledEvents.of(s, ONE, add.remaining()).head();
        assertThat(remove.event()).isEqualTo(new ModelEvent.Remove("m1"));
        s = Model.step(s, remove.atMs(), remove.event()).next();
        assertThat(described(EnabledEvents.of(s, ONE, remove.remaining()))).containsExactly("@0 storeFails", "@0 crash");
        EnabledEvent crash = EnabledEvents.of(s, ONE, remove.remaining()).last();
        s = Model.step(s, crash.atMs(), crash.event()).next();
        assertThat(described(EnabledEvents.of(s, ONE, crash.remaining()))).containsExactly("@0 storeFails", "@0 restart");
    }

    @Test
    void timersDueAtTheSameTimeAreAllEnabled() {
        Scope two = Scope.uniform(2, SETTINGS, 2, 0, 0);
        ModelState s = Script.begin().at(0, new Add("m1", SETTINGS)).then(new Add("m2", SETTINGS)).then(new ModelEvent.StartAll()).state();
        assertThat(described(EnabledEvents.of(s, two, two.budget()).filter(e -> e.atMs() > 0)))
                .containsExactly("@1000 attemptTimedOut op#1", "@1000 attemptTimedOut op#2");
        assertThat(s.pendingTimers().map(t -> t.kind() + " " + t.monitorId() + " " + t.dueAtMs())).containsExactly(
                "ATTEMPT_TIMEOUT m1 1000", "ATTEMPT_TIMEOUT m2 1000", "TICK m1 2000", "TICK m2 2000",
                "DEADLINE m1 7500", "DEADLINE m2 7500");
        assertThat(s.inFlight()).containsExactly(new InFlightAttempt(1, 1, "m1", 0), new InFlightAttempt(2, 1, "m2", 0));
    }
}
