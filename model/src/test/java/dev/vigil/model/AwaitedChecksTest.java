package dev.vigil.model;

import static dev.vigil.model.Script.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.ModelEvent.Add;
import dev.vigil.model.ModelEvent.CheckNow;
import dev.vigil.model.ModelEvent.Close;
import dev.vigil.model.ModelEvent.Remove;
import dev.vigil.model.ModelEvent.Start;
import dev.vigil.model.ModelEvent.Stop;
import dev.vigil.model.ModelEvent.StoreFails;
import org.junit.jupiter.api.Test;

/** What each checkNow caller must see (SPEC R8), folded from the model's steps in order. */
class AwaitedChecksTest {
    private Script script = Script.begin().at(0, new Add("m1", SETTINGS));
    private AwaitedChecks waits = AwaitedChecks.none();

    private AwaitedChecksTest then(ModelEvent event) {
        script = script.then(event);
        waits = waits.after(script.last().observations());
        return this;
    }

    private AwaitedChecksTest returns(Outcome outcome) {
        script = script.returns(script.state().nowMs() + 10, "m1", outcome);
        waits = waits.after(script.last().observations());
        return this;
    }

    private AwaitedChecks.Wait caller(int number) {
        return waits.waits().get(number).getOrElseThrow(() -> new AssertionError("no caller " + number + " in " + waits));
    }

    @Test
    void aCallerTakesTheRecordOfTheCheckItRequested() {
        then(new CheckNow("m1"));
        assertThat(caller(1)).isInstanceOf(AwaitedChecks.Bound.class);
        assertThat(caller(1).ended()).isFalse();

        returns(Outcome.UP);

        assertThat(caller(1)).isEqualTo(new AwaitedChecks.Applied(((AwaitedChecks.Applied) caller(1)).operation(), Status.UP));
        assertThat(caller(1).ended()).isTrue();
    }

    @Test
    void aRequestThatWaitedFollowsTheCheckThatBegins() {
        then(new Start("m1")).then(new CheckNow("m1")).then(new CheckNow("m1"));
        assertThat(caller(1)).isEqualTo(new AwaitedChecks.Unbound("m1"));
        assertThat(caller(2)).isEqualTo(new AwaitedChecks.Unbound("m1"));

        returns(Outcome.UP); // the start's cancelled check: discarded; the waiting request begins
        assertThat(caller(1)).isEqualTo(caller(2)).isInstanceOf(AwaitedChecks.Bound.class);
    }

    @Test
    void stopFailsOnlyTheCallersWhoseCheckHadNotBegun() {
        then(new Start("m1")).then(new CheckNow("m1")).then(new Stop("m1"));

        assertThat(caller(1)).isEqualTo(new AwaitedChecks.Failed(AwaitedChecks.Failure.DISCARDED));
    }

    @Test
    void aFailedBeginFailsTheCallerWithTheStore() {
        then(new StoreFails()).then(new CheckNow("m1"));

        assertThat(caller(1)).isEqualTo(new AwaitedChecks.Failed(AwaitedChecks.Failure.STORE));
    }

    @Test
    void oneCallerMoreThanMayWaitForAMonitorFailsAtOnceAndOthersStillWait() {
        then(new Add("m2", SETTINGS)).then(new Start("m1"));
        for (int i = 0; i < AwaitedChecks.WAITING_PER_MONITOR_MAX; i++) {
            then(new CheckNow("m1"));
        }
        then(new CheckNow("m1")).then(new CheckNow("m2"));

        int beyond = AwaitedChecks.WAITING_PER_MONITOR_MAX + 1;
        assertThat(caller(beyond - 1).ended()).isFalse();
        assertThat(caller(beyond)).isEqualTo(new AwaitedChecks.Failed(AwaitedChecks.Failure.TOO_MANY_WAITING));
        assertThat(caller(beyond + 1)).as("the limit is per monitor").isEqualTo(new AwaitedChecks.Bound("m2", 2));
    }

    @Test
    void removeAndCloseEndEveryWaitStillOpen() {
        then(new Add("m2", SETTINGS)).then(new CheckNow("m1")).then(new CheckNow("m2")).then(new Remove("m1"));
        assertThat(caller(1)).isEqualTo(new AwaitedChecks.Failed(AwaitedChecks.Failure.UNKNOWN));
        assertThat(caller(2).ended()).isFalse();

        then(new Close());
        assertThat(caller(2)).isEqualTo(new AwaitedChecks.Failed(AwaitedChecks.Failure.CLOSED));
    }

    @Test
    void aComparedCallerIsForgotten() {
        then(new CheckNow("m1"));
        returns(Outcome.UP);

        assertThat(waits.forget(1).waits()).isEmpty();
        assertThat(waits.forget(1).requested()).isEqualTo(1);
    }
}
