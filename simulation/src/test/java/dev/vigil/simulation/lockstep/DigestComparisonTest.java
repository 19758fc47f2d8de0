package dev.vigil.simulation.lockstep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.simulation.choice.RecordedChoices;
import dev.vigil.simulation.scenario.Scenario;
import dev.vigil.simulation.scenario.ScenarioParameters;
import dev.vigil.simulation.variant.EngineVariant;
import dev.vigil.simulation.variant.Variants;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The digests are only a fast path: with {@value ViewComparison#DIGEST_CHECK_PROPERTY} set, every
 * comparison also builds and diffs both views and fails if the digests agreed while the views
 * differ. Over many seeds of every variant, the buggy ones included (whose views do differ), that
 * check must never fire, and a run must end exactly as it does without it: the same events, the
 * same violation with the same lines, the same trace hash. Both kinds of comparison are covered:
 * the whole view after every event (random runs, exploration) and the focused view between full
 * comparisons (the long bench).
 */
class DigestComparisonTest {
    private static final ScenarioParameters SWARM = ScenarioParameters.swarm().withEngineLimitsDrawn(true).withIdCollisionsDrawn(true);
    private static final int SEEDS = 12;
    /** Focused comparisons between full ones, and a short history tail, as the bench runs. */
    private static final int FULL_COMPARE_EVERY = 50;
    private static final int HISTORY_TAIL = 3;

    @Test
    void wholeComparisonsEndEveryRunAsTheViewsDo() {
        for (EngineVariant variant : Variants.all()) {
            for (long seed = 1; seed <= SEEDS; seed++) {
                long drawn = seed;
                assertSameWithAndWithoutCheck(variant.name() + " seed " + seed,
                        () -> Simulation.run(SWARM, variant, RecordedChoices.fromSeed(drawn)));
            }
        }
    }

    @Test
    void focusedComparisonsEndEveryRunAsTheViewsDo() {
        for (EngineVariant variant : Variants.all()) {
            for (long seed = 1; seed <= SEEDS; seed++) {
                long drawn = seed;
                assertSameWithAndWithoutCheck(variant.name() + " seed " + seed + " (focused)", () -> {
                    RecordedChoices choices = RecordedChoices.fromSeed(drawn);
                    Scenario scenario = SWARM.draw(choices);
                    RunLimits limits = new RunLimits(scenario.eventsMax(), Long.MAX_VALUE, FULL_COMPARE_EVERY, HISTORY_TAIL);
                    return Simulation.run(scenario, limits, variant, choices);
                });
            }
        }
    }

    @Test
    void theBenchDayStaysInLockstepWithTheViewsChecked() {
        RunOutcome checked = withCheck(true, () -> Simulation.run(benchLikeScenario(), new RunLimits(3_000, Long.MAX_VALUE,
                FULL_COMPARE_EVERY, HISTORY_TAIL), new dev.vigil.simulation.variant.RealEngine(), RecordedChoices.fromSeed(1)));

        assertThat(checked.violation()).isEmpty();
        assertThat(checked.events()).isEqualTo(3_000);
    }

    /** As {@code vigil run --bench} runs: a hundred monitors at 30 s, mostly UP, started at once. */
    private static Scenario benchLikeScenario() {
        java.util.List<Scenario.MonitorPlan> monitors = new java.util.ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            monitors.add(new Scenario.MonitorPlan(String.format("m%03d", i), new dev.vigil.model.ModelSettings(30_000, 5_000, 1)));
        }
        return new Scenario(monitors, new Scenario.ProbeMix(90, 8, 1, 1, 0), new Scenario.CommandMix(0, 0, 0, 0, 0, 1, 0, 0), 0, 0, 0,
                0, 0, 0, 0, 0, java.util.List.of(), 0, 60_000, 10_000_000, true);
    }

    private static void assertSameWithAndWithoutCheck(String what, Supplier<RunOutcome> run) {
        RunOutcome fast = withCheck(false, run);
        RunOutcome checked = withCheck(true, run);

        assertThat(fast.events()).as(what).isEqualTo(checked.events());
        assertThat(fast.violation()).as(what).isEqualTo(checked.violation());
        assertThat(fast.traceHash()).as(what).isEqualTo(checked.traceHash());
    }

    private static RunOutcome withCheck(boolean checked, Supplier<RunOutcome> run) {
        String before = System.getProperty(ViewComparison.DIGEST_CHECK_PROPERTY);
        System.setProperty(ViewComparison.DIGEST_CHECK_PROPERTY, Boolean.toString(checked));
        try {
            return run.get();
        } finally {
            if (before == null) {
                System.clearProperty(ViewComparison.DIGEST_CHECK_PROPERTY);
            } else {
                System.setProperty(ViewComparison.DIGEST_CHECK_PROPERTY, before);
            }
        }
    }
}
