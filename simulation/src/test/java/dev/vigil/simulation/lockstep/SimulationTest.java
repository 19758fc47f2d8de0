package dev.vigil.simulation.lockstep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.EngineLimits;
import dev.vigil.simulation.choice.RecordedChoices;
import dev.vigil.simulation.runner.RunShrinker;
import dev.vigil.simulation.runner.SeedRange;
import dev.vigil.simulation.runner.SeedRunner;
import dev.vigil.simulation.scenario.Scenario;
import dev.vigil.simulation.scenario.ScenarioParameters;
import dev.vigil.simulation.variant.EngineVariant;
import dev.vigil.simulation.variant.FallbackVariant;
import dev.vigil.simulation.variant.NaiveVariant;
import dev.vigil.simulation.variant.RealEngine;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The harness end to end: the real engine passes, the seed document's race is caught and shrunk, runs are deterministic. */
class SimulationTest {
    private static final ScenarioParameters SWARM = ScenarioParameters.swarm();

    @Test
    void theRealEnginePassesRandomSeedsInLockstepWithTheModel() {
        SeedRunner.Summary summary = new SeedRunner(SWARM, new RealEngine(), false, null).run(SeedRange.of(1, 60));

        assertThat(summary.failure()).isEmpty();
        assertThat(summary.seedsRun()).isEqualTo(60);
        assertThat(summary.events()).isEqualTo(60L * ScenarioParameters.EVENTS_MAX_DEFAULT);
        // The swarm must actually reach the interesting parts of the contract, or passing means little.
        assertThat(summary.coverage().rules()).containsKeys("R1", "R2", "R3", "R4", "R5", "R6", "R8", "R9", "R10", "R11", "R12", "R13");
    }

    @Test
    void bothCompositionsPassWithEngineLimitsCollidingIdsPruningsAndAnIdSourceThatRunsOutDrawn() {
        ScenarioParameters drawn = SWARM.withEngineLimitsDrawn(true).withIdCollisionsDrawn(true).withPrunesDrawn(true).withIdsRunOutDrawn(true);
        for (EngineVariant variant : List.of(new RealEngine(), new FallbackVariant())) {
            SeedRunner.Summary summary = new SeedRunner(drawn, variant, false, null).run(SeedRange.of(1, 60));

            assertThat(summary.failure()).as(variant.name()).isEmpty();
            assertThat(summary.seedsRun()).isEqualTo(60);
        }
    }

    @Test
    void theNewDimensionsAreDrawnLastSoThatEverythingElseIsDrawnAsBefore() {
        ScenarioParameters drawn = SWARM.withEngineLimitsDrawn(true).withIdCollisionsDrawn(true).withPrunesDrawn(true).withIdsRunOutDrawn(true);
        boolean limitsVaried = false;
        boolean idsCollide = false;
        boolean prunes = false;
        boolean idsRunOut = false;
        for (long seed = 1; seed <= 40; seed++) {
            Scenario before = SWARM.draw(RecordedChoices.fromSeed(seed));
            Scenario after = drawn.draw(RecordedChoices.fromSeed(seed));

            assertThat(before.engineLimits()).isEqualTo(EngineLimits.SIMULATION);
            assertThat(before.idCollisionPercent()).isZero();
            assertThat(before.prunePercent()).isZero();
            assertThat(before.idsRunOutPercent()).isZero();
            assertThat(after.describe()).startsWith(before.describe());
            limitsVaried |= !after.engineLimits().equals(EngineLimits.SIMULATION);
            idsCollide |= after.idCollisionPercent() > 0;
            prunes |= after.prunePercent() > 0;
            idsRunOut |= after.idsRunOutPercent() > 0;
        }
        assertThat(limitsVaried).isTrue();
        assertThat(idsCollide).isTrue();
        assertThat(prunes).isTrue();
        assertThat(idsRunOut).isTrue();
    }

    @Test
    void theNaiveVariantIsCaughtAndShrunkToAReplayableTrace() {
        SeedRunner runner = new SeedRunner(SWARM, new NaiveVariant(), false, null);
        SeedRunner.Summary summary = runner.run(SeedRange.of(1, 1_000));

        assertThat(summary.failure()).isPresent();
        RunOutcome failing = summary.failure().get().outcome();
        RunShrinker shrinker = new RunShrinker(SWARM, new NaiveVariant(), RunShrinker.RUNS_MAX_DEFAULT);
        RunOutcome shrunk = shrinker.shrink(failing);

        assertThat(shrunk.events()).isLessThanOrEqualTo(failing.events());
        assertThat(shrunk.choices().size()).isLessThanOrEqualTo(failing.choices().size());
        assertThat(shrunk.violation().orElseThrow().kind()).isEqualTo(failing.violation().orElseThrow().kind());
        RunOutcome replayed = shrinker.replay(shrunk.choices());
        assertThat(replayed.traceHash()).isEqualTo(shrunk.traceHash());
        assertThat(replayed.violation()).isEqualTo(shrunk.violation());
    }

    @Test
    void everyKnownBuggyVariantIsCaughtWithin1000Seeds() {
        for (var variant : dev.vigil.simulation.variant.Variants.buggy()) {
            SeedRunner.Summary summary = new SeedRunner(SWARM, variant, false, null).run(SeedRange.of(1, 1_000));
            assertThat(summary.failure()).as(variant.name()).isPresent();
            assertThat(summary.failure().get().outcome().violation()).as(variant.name()).isPresent();
        }
    }

    @Test
    void aSeedRunTwiceGivesTheSameTraceHashAndItsChoicesReplayIt() {
        for (long seed = 1; seed <= 20; seed++) {
            RunOutcome first = Simulation.run(SWARM, new RealEngine(), RecordedChoices.fromSeed(seed));
            RunOutcome second = Simulation.run(SWARM, new RealEngine(), RecordedChoices.fromSeed(seed));
            RunOutcome replayed = Simulation.run(SWARM, new RealEngine(), RecordedChoices.replaying(first.choices()));

            assertThat(second.traceHash()).as("seed %d run twice", seed).isEqualTo(first.traceHash());
            assertThat(replayed.traceHash()).as("seed %d replayed", seed).isEqualTo(first.traceHash());
            assertThat(replayed.timeline()).isEqualTo(first.timeline());
        }
    }

    @Test
    void differentSeedsGiveDifferentRuns() {
        RunOutcome one = Simulation.run(SWARM, new RealEngine(), RecordedChoices.fromSeed(1));
        RunOutcome two = Simulation.run(SWARM, new RealEngine(), RecordedChoices.fromSeed(2));
        assertThat(one.traceHash()).isNotEqualTo(two.traceHash());
    }

    @Test
    void fixedParametersAreHonoured() {
        ScenarioParameters oneMonitor = new ScenarioParameters(Optional.of(1), 50, Optional.of(0), Optional.of(0), Optional.of(0),
                Optional.empty(), Optional.empty());
        RunOutcome outcome = Simulation.run(oneMonitor, new RealEngine(), RecordedChoices.fromSeed(3));
        assertThat(outcome.scenario().monitors()).hasSize(1);
        assertThat(outcome.scenario().storeFailPercent()).isZero();
        assertThat(outcome.events()).isEqualTo(50);
        // Pauses, closes and another writer's recovery are drawn: only the fixed faults are absent.
        assertThat(outcome.timeline()).filteredOn(entry -> entry.kind().equals("fault"))
                .noneMatch(entry -> entry.text().startsWith("storeFails") || entry.text().startsWith("crash")
                        || entry.text().startsWith("clockJump"));
    }

    @Test
    void wallClockJumpsMoveOnlyTheLabelsOfRecords() {
        ScenarioParameters jumpy = new ScenarioParameters(Optional.of(2), 300, Optional.of(0), Optional.of(0), Optional.of(20),
                Optional.empty(), Optional.empty());
        long jumps = 0;
        for (long seed = 1; seed <= 20; seed++) {
            RunOutcome outcome = Simulation.run(jumpy, new RealEngine(), RecordedChoices.fromSeed(seed));
            assertThat(outcome.violation()).as("seed " + seed).isEmpty();
            jumps += outcome.timeline().stream().filter(entry -> entry.text().startsWith("clockJump")).count();
        }
        assertThat(jumps).isGreaterThan(20);
    }
}
