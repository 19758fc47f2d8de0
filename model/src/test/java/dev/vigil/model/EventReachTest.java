package dev.vigil.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What each event can change, and the rule it names: the one answer every scheduler and the comparison use. */
class EventReachTest {

    private static final ModelState EMPTY = ModelState.initial();

    @Test
    void aCommandOnOneMonitorReachesThatMonitorAndNamesItsTarget() {
        ModelEvent stop = new ModelEvent.Stop("a");
        assertThat(stop.reach(EMPTY)).isEqualTo(new EventReach.OneMonitor("a"));
        assertThat(stop.commandTarget().toJavaOptional()).contains("a");
        assertThat(stop.rule()).isEqualTo(Rule.R3);
    }

    @Test
    void aTickReachesItsMonitorButIsNoCommand() {
        ModelEvent tick = new ModelEvent.Tick("b");
        assertThat(tick.reach(EMPTY)).isEqualTo(new EventReach.OneMonitor("b"));
        assertThat(tick.commandTarget().isEmpty()).isTrue();
        assertThat(tick.rule()).isEqualTo(Rule.R4);
    }

    @Test
    void bulkCommandsAndProcessEventsReachEveryMonitor() {
        for (ModelEvent event : new ModelEvent[] {new ModelEvent.StartAll(), new ModelEvent.StopAll(), new ModelEvent.Crash(),
                new ModelEvent.Restart(), new ModelEvent.Close(), new ModelEvent.Pause(5_000), new ModelEvent.ForeignRecover()}) {
            assertThat(event.reach(EMPTY)).as(event.describe()).isEqualTo(new EventReach.EveryMonitor());
        }
    }

    @Test
    void armingAFaultOrJumpingTheClockReachesNoMonitorByItself() {
        assertThat(new ModelEvent.StoreFails().reach(EMPTY)).isEqualTo(new EventReach.NoMonitor());
        assertThat(new ModelEvent.ClockJump(-60_000).reach(EMPTY)).isEqualTo(new EventReach.NoMonitor());
        assertThat(new ModelEvent.Deliver().reach(EMPTY)).isEqualTo(new EventReach.NoMonitor());
    }

    @Test
    void anOperationsEventReachesTheMonitorOfItsAttemptUntilTheOperationIsOver() {
        ModelState started = Model.step(Model.step(EMPTY, 0, new ModelEvent.Add("m", Script.SETTINGS)).next(), 0,
                new ModelEvent.Start("m")).next();
        int operation = started.inFlight().head().operation();
        assertThat(new ModelEvent.AttemptCompleted(operation, 1, Outcome.UP, 5).reach(started)).isEqualTo(new EventReach.OneMonitor("m"));
        assertThat(new ModelEvent.Deadline(operation).reach(started)).isEqualTo(new EventReach.OneMonitor("m"));
        assertThat(new ModelEvent.Deadline(operation + 1).reach(started)).isEqualTo(new EventReach.NoMonitor());
    }

    @Test
    void everyEventKindNamesARuleOfTheSpec() {
        assertThat(new ModelEvent.Deliver().rule()).isEqualTo(Rule.R14);
        assertThat(new ModelEvent.Close().rule()).isEqualTo(Rule.R16);
        assertThat(new ModelEvent.ForeignRecover().rule()).isEqualTo(Rule.R6);
        assertThat(new ModelEvent.StaleTimer(TimerKind.RETRY, "m", 3).rule()).isEqualTo(Rule.R4);
    }
}
