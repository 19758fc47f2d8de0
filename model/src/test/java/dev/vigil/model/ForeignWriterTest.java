package dev.vigil.model;

import static dev.vigil.model.Script.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.ModelEvent.Add;
import dev.vigil.model.ModelEvent.ForeignRecover;
import dev.vigil.model.ModelEvent.Start;
import org.junit.jupiter.api.Test;

/** Another engine's recovery empties the stored lists: the store's compare-and-set decides (R6), and I8 counts afresh. */
class ForeignWriterTest {

    private static Script checking() {
        return Script.begin().at(0, new Add("m1", SETTINGS)).then(new Start("m1"));
    }

    @Test
    void aResultListedOnlyInMemoryIsRefusedByTheStoreAndDiscarded() {
        Script s = checking().at(100, new ForeignRecover());
        assertThat(s.monitor("m1").activeOperations()).as("readers of the store see the emptied list").isEmpty();
        assertThat(s.state().operationOf("m1")).as("the engine's registry is untouched").isNotEmpty();

        s.returns(200, "m1", Outcome.UP);
        assertThat(s.last().observations()).hasAtLeastOneElementOfType(Observation.CheckDiscarded.class);
        assertThat(s.lastEvents()).as("no CheckCompleted, no StatusChanged").isEmpty();
        assertThat(s.monitor("m1").status()).isEqualTo(Status.PENDING);
        assertThat(s.monitor("m1").history()).isEmpty();
        assertThat(s.state().operationOf("m1")).isEmpty();
    }

    @Test
    void theNextOperationWritesTheListAgainAndItsResultApplies() {
        Script s = checking().at(100, new ForeignRecover()).returns(200, "m1", Outcome.UP).fire(TimerKind.TICK, "m1");
        int next = s.state().operationOf("m1").get().number();
        assertThat(s.monitor("m1").activeOperations()).containsExactly(next);

        s.returns(s.state().nowMs() + 10, "m1", Outcome.UP);
        assertThat(s.monitor("m1").status()).isEqualTo(Status.UP);
        assertThat(s.monitor("m1").history()).hasSize(1);
    }

    @Test
    void anOperationTheStoreWillRefuseIsNoEvidenceOfAHang() {
        // Attempt 1 times out (the target hangs); the foreign write then dooms the operation, so
        // the bound counts from the next operation's attempts (Script asserts I8 after each step).
        Script s = checking().fire(TimerKind.ATTEMPT_TIMEOUT, "m1").at(1_200, new ForeignRecover());
        assertThat(s.state().monitor("m1").get().hangSinceMs()).isEmpty();
        s.fire(TimerKind.RETRY, "m1").fire(TimerKind.TICK, "m1").fire(TimerKind.ATTEMPT_TIMEOUT, "m1");
        assertThat(s.monitor("m1").status()).as("the DOWN result was refused").isEqualTo(Status.PENDING);
        assertThat(s.state().monitor("m1").get().hangSinceMs()).isEmpty();
        s.fire(TimerKind.TICK, "m1").fire(TimerKind.ATTEMPT_TIMEOUT, "m1").fire(TimerKind.RETRY, "m1").fire(TimerKind.TICK, "m1")
                .fire(TimerKind.ATTEMPT_TIMEOUT, "m1");
        assertThat(s.monitor("m1").status()).isEqualTo(Status.DOWN);
    }

    @Test
    void withNothingListedItChangesNothing() {
        Script s = Script.begin().at(0, new Add("m1", SETTINGS)).then(new ForeignRecover());
        assertThat(s.state().monitor("m1").get().storeUnlisted()).isFalse();
    }
}
