package dev.vigil.simulation.cli;

import dev.vigil.simulation.scenario.Scenario;
import dev.vigil.simulation.scenario.ScenarioParameters;
import dev.vigil.simulation.variant.EngineVariant;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options that shape a run's scenario and choose the engine variant; shared by every command that runs seeds. */
final class ScenarioOptions {
    @Mixin
    VariantOptions variants = new VariantOptions();

    @Option(names = "--monitors", paramLabel = "K", description = "Fix the number of monitors (1…5); drawn per seed if absent.")
    Integer monitors;

    @Option(names = "--events", paramLabel = "E", description = "Events per run (default ${DEFAULT-VALUE}).")
    int events = ScenarioParameters.EVENTS_MAX_DEFAULT;

    @Option(names = "--store-fail-percent", paramLabel = "P", description = "Fix the chance (0…100) that a command slot arms a store failure (at begin, at commit, or a dropped connection).")
    Integer storeFailPercent;

    @Option(names = "--crash-percent", paramLabel = "P", description = "Fix the chance (0…100) that a command slot crashes the engine.")
    Integer crashPercent;

    @Option(names = "--clock-jump-percent", paramLabel = "P",
            description = "Fix the chance (0…100) that a command slot jumps the wall clock back or forward.")
    Integer clockJumpPercent;

    @Option(names = "--probe-mix", paramLabel = "U,D,T,H,L",
            description = "Fix the weights of probe outcomes: up, down, throw, hang, late return (e.g. 6,2,1,1,0).")
    String probeMix;

    @Option(names = "--command-mix", paramLabel = "A,U,R,S,P,C,SA,PA",
            description = "Fix the weights of commands: add, update, remove, start, stop, checkNow, startAll, stopAll.")
    String commandMix;

    @Option(names = "--engine-limits",
            description = "Draw the engine's own limits per seed (lowest interval 1000, 2000 or 5000 ms; timeouts over the interval"
                    + " allowed or refused), the model told the same; off: the floor, and long timeouts allowed.")
    boolean engineLimits;

    @Option(names = "--id-collisions",
            description = "Draw per seed an operation-id source that repeats itself: some candidates are null, blank or a live id,"
                    + " which the engine must refuse and ask again.")
    boolean idCollisions;

    @Option(names = "--prunes",
            description = "Draw per seed a rate of history prunings (by count, by age or both; R17), which the model prunes alike;"
                    + " off: the history is never pruned.")
    boolean prunes;

    @Option(names = "--ids-run-out",
            description = "Draw per seed a rate at which the operation-id source runs out: every candidate of the next check is"
                    + " refused, so that check does not begin (R18), and the model says what follows; off: it never runs out.")
    boolean idsRunOut;

    ScenarioParameters parameters() {
        if (events < 1 || events > 10_000_000) {
            throw new IllegalArgumentException("--events " + events + " must be within 1 … 10000000");
        }
        requirePercent("--store-fail-percent", storeFailPercent);
        requirePercent("--crash-percent", crashPercent);
        requirePercent("--clock-jump-percent", clockJumpPercent);
        return new ScenarioParameters(Optional.ofNullable(monitors), events, Optional.ofNullable(storeFailPercent),
                Optional.ofNullable(crashPercent), Optional.ofNullable(clockJumpPercent), Optional.ofNullable(probeMix).map(text -> {
                    int[] w = weights("--probe-mix", text, 5);
                    return new Scenario.ProbeMix(w[0], w[1], w[2], w[3], w[4]);
                }), Optional.ofNullable(commandMix).map(text -> {
                    int[] w = weights("--command-mix", text, 8);
                    return new Scenario.CommandMix(w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]);
                })).withEngineLimitsDrawn(engineLimits).withIdCollisionsDrawn(idCollisions)
                .withPrunesDrawn(prunes).withIdsRunOutDrawn(idsRunOut);
    }

    private static int[] weights(String option, String text, int count) {
        String[] parts = text.split(",", -1);
        if (parts.length != count) {
            throw new IllegalArgumentException(option + " '" + text + "' needs " + count + " comma-separated weights");
        }
        int[] weights = new int[count];
        for (int i = 0; i < count; i++) {
            try {
                weights[i] = Integer.parseInt(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " '" + text + "': '" + parts[i] + "' is not a whole number");
            }
            if (weights[i] < 0 || weights[i] > 1_000) {
                throw new IllegalArgumentException(option + " '" + text + "': weight " + weights[i] + " must be within 0 … 1000");
            }
        }
        return weights;
    }

    EngineVariant variant() {
        return variants.variant();
    }

    private static void requirePercent(String option, Integer value) {
        if (value != null && (value < 0 || value > 100)) {
            throw new IllegalArgumentException(option + " " + value + " must be within 0 … 100");
        }
    }
}
