package dev.vigil.simulation.variant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.simulation.explore.ExploreLimits;
import dev.vigil.simulation.explore.Explorer;
import dev.vigil.simulation.explore.ScopeSpec;
import dev.vigil.simulation.runner.SeedRange;
import dev.vigil.simulation.runner.SeedRunner;
import dev.vigil.simulation.scenario.ScenarioParameters;
import org.junit.jupiter.api.Test;

/**
 * The fallback checker is held to the contract as closely as the real engine: it passes random
 * seeds and the standard scopes in lockstep with the same model, and the harness notices when it
 * loses the one thing that makes it race-free, its epoch test.
 */
class FallbackTest {
    private static final ScenarioParameters SWARM = ScenarioParameters.swarm();

    @Test
    void theFallbackPassesRandomSeedsInLockstepWithTheModel() {
        SeedRunner.Summary summary = new SeedRunner(SWARM, new FallbackVariant(), true, null).run(SeedRange.of(1, 60));

        assertThat(summary.failure()).isEmpty();
        assertThat(summary.determinismMismatches()).isZero();
        assertThat(summary.seedsRun()).isEqualTo(60);
        assertThat(summary.coverage().rules()).containsKeys("R1", "R2", "R3", "R4", "R5", "R6", "R8", "R9", "R10", "R11", "R12", "R13");
    }

    @Test
    void theFactoryFallsBackOnItsOwnWhenComposingTheEnhancedCheckerFailsAndPassesInLockstep() {
        // The variant fails the seed if the factory does not publish exactly one FallbackActivated
        // or returns no checker.
        SeedRunner.Summary summary = new SeedRunner(SWARM, new FactoryFallbackVariant(), true, null).run(SeedRange.of(1, 20));

        assertThat(summary.failure()).isEmpty();
        assertThat(summary.seedsRun()).isEqualTo(20);
        assertThat(Variants.all()).as("kept out of the list, so that recorded trace hashes stay").extracting(EngineVariant::name)
                .doesNotContain(FactoryFallbackVariant.NAME);
    }

    @Test
    void theFallbackPassesEveryScheduleOfTheStandardScopesWithRetriesAndWithFaults() {
        for (String scope : new String[] {"one-monitor-retries", "crash-and-store-failure"}) {
            Explorer.Result result = new Explorer(ScopeSpec.named(scope).toScope(), new FallbackVariant(), ExploreLimits.standard(), 0, 1, null)
                    .explore();

            assertThat(result.failure()).as(scope).isEmpty();
            assertThat(result.complete()).as(scope).isTrue();
            assertThat(result.schedules()).as(scope).isGreaterThan(100);
        }
    }

    @Test
    void withoutItsEpochTestTheFallbackIsCaughtByRandomSeedsAndByExploringItsScope() {
        EngineVariant broken = new FallbackNoEpochVariant();
        assertThat(Variants.buggy()).as("in the zoo, so that verify requires the catch").contains(Variants.byName(FallbackNoEpochVariant.NAME));

        SeedRunner.Summary summary = new SeedRunner(SWARM, broken, false, null).run(SeedRange.of(1, 1_000));
        assertThat(summary.failure()).isPresent();
        assertThat(summary.failure().get().outcome().violation()).isPresent();

        Explorer.Result result = new Explorer(ScopeSpec.named(broken.exploreScope()).toScope(), broken, ExploreLimits.standard(), 0, 1, null)
                .explore();
        assertThat(result.failure()).isPresent();
        // The superseding command is a checkNow or an update: both start a new check over the old one.
        assertThat(result.failure().get().outcome().timeline()).extracting(entry -> entry.text())
                .anyMatch(text -> text.equals("checkNow m1") || text.startsWith("update m1"));
    }

    @Test
    void verifyRunsEveryShippedComposition() {
        assertThat(Variants.shipped()).extracting(EngineVariant::name).containsExactly(RealEngine.NAME, FallbackVariant.NAME);
    }
}
