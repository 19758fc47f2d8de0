package dev.vigil.model;

import static dev.vigil.model.Script.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.ModelEvent.Add;
import dev.vigil.model.ModelEvent.AttemptCompleted;
import dev.vigil.model.ModelEvent.CheckNow;
import dev.vigil.model.ModelEvent.Start;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/**
 * Each invariant I1–I8 catches a hand-made transition that breaks it, naming itself, the monitor
 * and the values; the correct transition next to it passes.
 */
class InvariantsTest {

    private static ModelState started() {
        return Script.begin().at(0, new Add("m1", SETTINGS)).then(new Start("m1")).state();
    }

    private static Monitor m1(ModelState s) {
        return s.monitor("m1").get();
    }

    private static List<String> names(List<InvariantViolation> violations) {
        return violations.map(InvariantViolation::invariant);
    }

    @Test
    void i1_aPausedMonitorThatIsNotPaused() {
        ModelState good = started();
        ModelState bad = good.put(m1(good).withMonitoring(false));
        assertThat(Invariants.i1PausedStaysPaused(good)).isEmpty();
        assertThat(Invariants.i1PausedStaysPaused(bad)).singleElement()
                .hasToString("I1 monitor m1: monitoring=false but status=PENDING");
        assertThat(names(Invariants.checkState(bad))).contains("I1");
        assertThat(names(Invariants.checkView(bad.view()))).containsExactly("I1");
    }

    @Test
    void i2_aRecordFromACancelledOperationOrAStatusChangeWithoutAResult() {
        ModelState prev = Model.step(started(), 100, new CheckNow("m1")).next();
        ModelEvent ret = new AttemptCompleted(1, 1, Outcome.UP, 200);
        ModelState good = Model.step(prev, 200, ret).next();
        ModelState stale = good.put(m1(good).withHistory(Vector.of(new HistoryRecord(1, 200, Status.UP, 200, "up"))));
        ModelState flipped = prev.put(m1(prev).withStatus(Status.UP));
        assertThat(Invariants.i2NoStaleWrites(prev, ret, good)).isEmpty();
        assertThat(Invariants.i2NoStaleWrites(prev, ret, stale)).singleElement().satisfies(v -> {
            assertThat(v.invariant()).isEqualTo("I2");
            assertThat(v.monitorId()).isEqualTo("m1");
            assertThat(v.message()).contains("op#1", "CANCELLED");
        });
        assertThat(names(Invariants.i2NoStaleWrites(prev, new ModelEvent.Tick("m1"), flipped))).containsExactly("I2");
    }

    @Test
    void i3_twoOperationsOfOneMonitor() {
        ModelState good = started();
        ModelState bad = good.put(Operation.begin(9, "m1", false, SETTINGS, 0)).put(m1(good).withActiveOperations(List.of(1, 9)));
        assertThat(Invariants.i3OneProbeAtATime(good)).isEmpty();
        assertThat(Invariants.i3OneProbeAtATime(bad)).extracting(InvariantViolation::toString)
                .containsExactly("I3 monitor m1: registry holds op#1, op#9", "I3 monitor m1: activeOperations=List(1, 9) holds more than one id");
        assertThat(names(Invariants.checkView(bad.view()))).containsExactly("I3");
    }

    @Test
    void i4_anActiveOperationTheStoreDoesNotList() {
        ModelState good = started();
        ModelState bad = good.put(m1(good).withActiveOperations(List.empty()));
        assertThat(Invariants.i4StoreCoversRegistry(good)).isEmpty();
        assertThat(Invariants.i4StoreCoversRegistry(bad)).singleElement()
                .hasToString("I4 monitor m1: ACTIVE op#1 is not listed; activeOperations=List()");
        assertThat(names(Invariants.checkView(bad.view()))).containsExactly("I4");
    }

    @Test
    void i5_leaks() {
        ModelState good = started();
        Operation op = good.operation(1).get();
        assertThat(Invariants.i5NoLeaks(good)).isEmpty();
        assertThat(Invariants.i5NoLeaks(good.at(7_500))).as("at its deadline").isEmpty();
        assertThat(Invariants.i5NoLeaks(good.at(7_501))).singleElement().satisfies(v ->
                assertThat(v.message()).isEqualTo("op#1 is still in the registry at 7501, after its deadline 7500"));
        assertThat(Invariants.i5NoLeaks(good.put(op.attemptEnded().cancelled()))).singleElement().satisfies(v ->
                assertThat(v.message()).contains("neither a probe out nor a back-off"));
        ModelState paused = Script.begin().at(0, new Add("m1", SETTINGS)).state();
        assertThat(names(Invariants.i5NoLeaks(paused.put(m1(paused).withTickDueMs(Option.some(2_000L)))))).containsExactly("I5", "I5");
        Operation wrongDeadline = new Operation(1, "m1", false, OperationState.ACTIVE, 0, 6_000, 1_000, 2, op.inFlight(), Option.none());
        assertThat(Invariants.i5NoLeaks(good.put(wrongDeadline))).singleElement().satisfies(v ->
                assertThat(v.message()).contains("differs from the formula 7500"));
        assertThat(Invariants.i5NoLeaks(good.put(m1(good).withWaitingManual(Option.some(true))))).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("waits"));
    }

    @Test
    void i6_eventsThatDoNotMatchTheStore() {
        ModelState prev = started();
        ModelEvent ret = new AttemptCompleted(1, 1, Outcome.UP, 100);
        ModelState good = Model.step(prev, 100, ret).next();
        ModelState silent = good.withEmitted(prev.emitted().appendAll(good.emitted().drop(prev.emitted().size())
                .filter(o -> !(o instanceof Observation.StatusChanged))));
        ModelState noisy = good.withEmitted(good.emitted().append(new Observation.StoreFailed(Transaction.APPLY, java.util.Optional.of("m1"))));
        assertThat(Invariants.i6EventsMatchStore(prev, ret, good)).isEmpty();
        assertThat(Invariants.i6EventsMatchStore(prev, ret, silent)).singleElement()
                .hasToString("I6 monitor m1: StatusChanged  but the store went PENDING→UP");
        assertThat(Invariants.i6EventsMatchStore(prev, ret, noisy)).singleElement().satisfies(v ->
                assertThat(v.message()).contains("1 StoreFailed events, but the armed failure was not consumed"));
    }

    @Test
    void i7_aPruningTakesOnlyTheOldestRecordsAndKeepsTheLastCheck() {
        ModelState one = Model.step(started(), 100, new AttemptCompleted(1, 1, Outcome.UP, 100)).next();
        ModelState ticked = Model.step(one, 2_000, new ModelEvent.Tick("m1")).next();
        ModelState prev = Model.step(ticked, 2_100, new AttemptCompleted(2, 1, Outcome.UP, 100)).next();
        ModelEvent prune = new ModelEvent.PruneHistory(0, 1);
        Step step = Model.step(prev, 2_200, prune);
        ModelState good = step.next();
        ModelState newestTaken = good.put(m1(good).withHistory(Vector.of(m1(prev).history().head())));
        assertThat(m1(prev).history()).hasSize(2);
        assertThat(m1(good).history()).containsExactly(m1(prev).history().last());
        assertThat(step.results()).containsExactly(new CommandResult.Count(1));
        assertThat(Invariants.i7NothingLost(prev, prune, good)).isEmpty();
        assertThat(Invariants.i7NothingLost(prev, prune, newestTaken)).singleElement().satisfies(v ->
                assertThat(v.message()).contains("not the newest"));
        // By age, an hour later on the wall clock: every record goes, the last check's time and response time stay.
        ModelState later = Model.step(prev, 2_300, new ModelEvent.ClockJump(3_600_000)).next();
        ModelState emptied = Model.step(later, 2_400, new ModelEvent.PruneHistory(60_000, 0)).next();
        assertThat(m1(emptied).history()).isEmpty();
        assertThat(m1(emptied).lastCheckedAtMs()).isEqualTo(m1(prev).lastCheckedAtMs()).isNotEmpty();
        assertThat(m1(emptied).responseTimeMs()).isEqualTo(m1(prev).responseTimeMs());
        // A store fault ends the pruning at the first monitor's transaction, and takes nothing.
        ModelState armed = Model.step(prev, 2_300, new ModelEvent.StoreFails()).next();
        Step failed = Model.step(armed, 2_400, prune);
        assertThat(failed.results()).containsExactly(new CommandResult.Failed(CommandResult.Failure.STORE));
        assertThat(m1(failed.next()).history()).isEqualTo(m1(prev).history());
        assertThat(failed.next().storeFailArmed()).isFalse();
    }

    @Test
    void i7_historyRewrittenOrLost() {
        ModelState prev = Model.step(started(), 100, new AttemptCompleted(1, 1, Outcome.UP, 100)).next();
        ModelEvent tick = new ModelEvent.Tick("m1");
        ModelState good = Model.step(prev, 2_000, tick).next();
        ModelState rewritten = good.put(m1(good).withHistory(Vector.empty()));
        ModelState gone = good.withMonitors(good.monitors().remove("m1"));
        ModelState crashed = Model.step(prev, 200, new ModelEvent.Crash()).next();
        ModelState crashLostStatus = crashed.put(m1(crashed).withStatus(Status.PENDING));
        assertThat(Invariants.i7NothingLost(prev, tick, good)).isEmpty();
        assertThat(Invariants.i7NothingLost(prev, new ModelEvent.Crash(), crashed)).isEmpty();
        assertThat(names(Invariants.i7NothingLost(prev, tick, rewritten))).containsExactly("I7");
        assertThat(Invariants.i7NothingLost(prev, tick, gone)).singleElement().satisfies(v ->
                assertThat(v.message()).contains("disappeared with 1 history records"));
        assertThat(Invariants.i7NothingLost(prev, new ModelEvent.Crash(), crashLostStatus)).singleElement().satisfies(v ->
                assertThat(v.message()).contains("crash changed persisted fields"));
    }

    @Test
    void i8_aHungTargetNotDetectedInTime() {
        ModelState good = started();
        ModelState hung = good.put(m1(good).withHangSinceMs(Option.some(0L)));
        long boundMs = 2_000 + 2 * 1_000 + 500;
        assertThat(Invariants.i8BoundedDetection(hung.at(boundMs))).isEmpty();
        assertThat(Invariants.i8BoundedDetection(hung.at(boundMs + 1))).singleElement()
                .hasToString("I8 monitor m1: target hung since 0, status PENDING at 4501, should be DOWN by 4500");
        assertThat(Invariants.i8BoundedDetection(hung.put(m1(hung).withStatus(Status.DOWN)).at(boundMs + 1))).isEmpty();
        assertThat(Invariants.i8BoundedDetection(good.put(m1(good).withTickDueMs(Option.none())))).singleElement()
                .hasToString("I8 monitor m1: monitoring but no TICK pending");
    }

    @Test
    void checkRunsAllEightInOrder() {
        ModelState prev = started();
        ModelState bad = prev.put(m1(prev).withMonitoring(false).withTickDueMs(Option.none()).withActiveOperations(List.empty()));
        List<String> found = names(Invariants.check(prev, new ModelEvent.Tick("m1"), bad));
        assertThat(found).contains("I1", "I4", "I6").isEqualTo(found.sorted());
    }
}
