package dev.vigil.simulation.cli;

import dev.vigil.model.ModelSettings;
import dev.vigil.simulation.choice.RecordedChoices;
import dev.vigil.simulation.lockstep.RunLimits;
import dev.vigil.simulation.lockstep.RunOutcome;
import dev.vigil.simulation.lockstep.Simulation;
import dev.vigil.simulation.scenario.Scenario;
import dev.vigil.simulation.store.StoreKind;
import dev.vigil.simulation.variant.RealEngine;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code vigil run --bench}: the real engine, 100 monitors at 30 s intervals over one simulated
 * day (or the first {@code --bench-hours} of it), with lockstep checking on (the touched
 * monitors after every event, everything every {@value #FULL_COMPARE_EVERY} events). Prints
 * figures; asserts nothing.
 */
final class Bench {
    static final int MONITORS = 100;
    static final long INTERVAL_MS = 30_000;
    static final long DAY_MS = TimeUnit.DAYS.toMillis(1);
    static final int HOURS_MAX = 24;
    static final int FULL_COMPARE_EVERY = 10_000;

    private final PrintStream out;
    private final int hours;
    private final StoreKind store;

    /** @param hours simulated hours, 1 … {@value #HOURS_MAX}: a shorter run of the same day for a quick figure */
    Bench(PrintStream out, int hours, StoreKind store) {
        if (hours < 1 || hours > HOURS_MAX) {
            throw new IllegalArgumentException("--bench-hours = " + hours + " must be within 1 … " + HOURS_MAX);
        }
        this.out = out;
        this.hours = hours;
        this.store = store;
    }

    static Scenario dayScenario() {
        List<Scenario.MonitorPlan> monitors = new ArrayList<>();
        for (int i = 1; i <= MONITORS; i++) {
            monitors.add(new Scenario.MonitorPlan(String.format("m%03d", i), new ModelSettings(INTERVAL_MS, 5_000, 1)));
        }
        return new Scenario(monitors, new Scenario.ProbeMix(90, 8, 1, 1, 0), new Scenario.CommandMix(0, 0, 0, 0, 0, 1, 0, 0), 0, 0, 0,
                0, 0, 0, 0, 0, java.util.List.of(), 0, 60_000, 10_000_000, true);
    }

    int run() {
        RunLimits limits = new RunLimits(10_000_000, TimeUnit.HOURS.toMillis(hours), FULL_COMPARE_EVERY, 3);
        out.println("bench: " + MONITORS + " monitors at " + INTERVAL_MS / 1000 + " s over "
                + (hours == HOURS_MAX ? "one simulated day" : hours + " simulated hour(s)") + ", lockstep checking on, store " + store.label());
        long startedNs = System.nanoTime();
        RunOutcome outcome = Simulation.run(dayScenario(), limits, new RealEngine(), RecordedChoices.fromSeed(1), store);
        long wallNs = System.nanoTime() - startedNs;
        if (outcome.violation().isPresent()) {
            out.println("VIOLATION during the bench: " + outcome.violation().get().headline());
            return VigilCommand.EXIT_VIOLATION;
        }
        double seconds = wallNs / 1e9;
        out.printf("events              %,d%n", outcome.events());
        out.printf("simulated time      %,d s%n", outcome.simulatedMs() / 1000);
        out.printf("wall time           %.1f s%n", seconds);
        out.printf("events per second   %,.0f%n", outcome.events() / seconds);
        out.printf("simulated s per s   %,.0f%n", outcome.simulatedMs() / 1000.0 / seconds);
        return VigilCommand.EXIT_PASSED;
    }
}
