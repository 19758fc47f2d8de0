package dev.vigil.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.Tuple2;
import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

/**
 * The reachable abstract states of the small scopes recorded in model/README.md. If a rule
 * changes, these numbers change: update the README with the printed table.
 */
class StateSpaceTest {

    /** The counts recorded in model/README.md, in {@link StateSpace#recordedScopes()} order. */
    private static final List<Long> RECORDED = List.of(236L, 1_508L, 5_128L, 4_612L, 35_112L);

    @Test
    void smallScopesHaveTheRecordedNumberOfStatesAndNoViolation() {
        List<Tuple2<String, Scope>> scopes = StateSpace.recordedScopes();
        List<Long> counted = List.empty();
        for (Tuple2<String, Scope> named : scopes) {
            StateSpace.Result r = StateSpace.explore(named._2, StateSpace.STATES_MAX_DEFAULT);
            System.out.printf("%-70s states %,8d  transitions %,9d  depth %d%n", named._1, r.states(), r.transitions(), r.depthMax());
            assertThat(r.complete()).as(named._1).isTrue();
            assertThat(r.violations()).as(named._1).isEmpty();
            counted = counted.append(r.states());
        }
        assertThat(counted).as("update model/README.md if the model changed").isEqualTo(RECORDED);
    }

    @Test
    void theAbstractionForgetsAbsoluteTimeAndOperationNumbers() {
        ModelState early = Script.begin().at(0, new ModelEvent.Add("m1", Script.SETTINGS)).then(new ModelEvent.Start("m1")).state();
        ModelState late = Script.begin().at(0, new ModelEvent.Add("m1", Script.SETTINGS)).then(new ModelEvent.CheckNow("m1"))
                .returns(10, "m1", Outcome.UP).at(50_000, new ModelEvent.Start("m1")).state();
        Budget budget = Scope.uniform(1, Script.SETTINGS, 3, 0, 0).budget();
        assertThat(StateSpace.key(late, budget)).isEqualTo(StateSpace.key(early, budget));
        assertThat(StateSpace.key(late.at(50_001), budget)).isNotEqualTo(StateSpace.key(early, budget));
    }

    @Test
    void theAbstractionKeepsWhatDecidesALaterInvariantVerdict() {
        // Two states alike but for how long the target has hung: I8 may fail in one's future and
        // not in the other's, so hashing must not merge them.
        Budget budget = Scope.uniform(1, Script.SETTINGS, 3, 0, 0).budget();
        Script hung = Script.begin().at(0, new ModelEvent.Add("m1", Script.SETTINGS)).then(new ModelEvent.Start("m1"))
                .fire(TimerKind.ATTEMPT_TIMEOUT, "m1");
        ModelState hanging = hung.state();
        ModelState fresh = hanging.withMonitors(hanging.monitors().mapValues(m -> m.withHangSinceMs(io.vavr.control.Option.none())));
        assertThat(StateSpace.key(hanging, budget)).isNotEqualTo(StateSpace.key(fresh, budget));

        ModelState unlisted = Model.step(hanging, hanging.nowMs(), new ModelEvent.ForeignRecover()).next();
        assertThat(StateSpace.key(unlisted, budget)).as("the stored list and the doomed operation count too")
                .isNotEqualTo(StateSpace.key(fresh, budget));
    }
}
