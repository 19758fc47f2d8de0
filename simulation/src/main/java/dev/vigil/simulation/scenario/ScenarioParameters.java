package dev.vigil.simulation.scenario;

import dev.vigil.model.EngineLimits;
import dev.vigil.model.ListenerSpec;
import dev.vigil.model.ModelSettings;
import dev.vigil.simulation.choice.ChoiceSource;
import dev.vigil.simulation.choice.Gen;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Swarm testing: draws a scenario from choices, except for the parameters fixed on the command
 * line. A fixed parameter draws nothing, so fixing one does not change how the others are drawn
 * from the remaining choices.
 *
 * @param monitorsFixed         number of monitors, 1 … {@link #MONITORS_MAX}
 * @param eventsMax             events per run
 * @param storeFailPercentFixed store-failure rate per command slot
 * @param crashPercentFixed     crash rate per command slot
 * @param clockJumpPercentFixed wall-clock jump rate per command slot
 * @param probesFixed           probe outcome weights
 * @param commandsFixed         command weights
 * @param pausePercentFixed     process-pause rate per command slot
 * @param closePercentFixed     graceful-close rate per command slot
 * @param listenersFixed        whether listeners that call the engine back are registered
 * @param engineLimitsDrawn     whether the engine's own limits are drawn per seed (else the simulation's usual ones);
 *                              drawn after everything else, so that the other draws stay as they were
 * @param idCollisionsDrawn     whether an operation-id source that repeats itself is drawn per seed (else ids never
 *                              collide); drawn after the engine's limits
 * @param prunesDrawn           whether a rate of history prunings (R17) is drawn per seed (else the history is never
 *                              pruned); drawn after the id source
 * @param idsRunOutDrawn        whether a rate of exhausted id sources (R18) is drawn per seed (else the id source never
 *                              runs out); drawn last
 */
public record ScenarioParameters(
        Optional<Integer> monitorsFixed,
        int eventsMax,
        Optional<Integer> storeFailPercentFixed,
        Optional<Integer> crashPercentFixed,
        Optional<Integer> clockJumpPercentFixed,
        Optional<Scenario.ProbeMix> probesFixed,
        Optional<Scenario.CommandMix> commandsFixed,
        Optional<Integer> pausePercentFixed,
        Optional<Integer> closePercentFixed,
        Optional<Boolean> listenersFixed,
        boolean engineLimitsDrawn,
        boolean idCollisionsDrawn,
        boolean prunesDrawn,
        boolean idsRunOutDrawn) {

    /** Listeners a scenario registers at most. */
    public static final int LISTENERS_MAX = 3;

    public static final int MONITORS_MAX = 5;
    public static final int EVENTS_MAX_DEFAULT = 300;
    private static final List<Long> INTERVALS_MS = List.of(1_000L, 2_000L, 5_000L, 10_000L, 30_000L);
    private static final List<Long> TIMEOUTS_MS = List.of(1_000L, 2_000L, 3_000L, 5_000L);

    /** Parameters without the fixed pause, close and listener choices: those are drawn. */
    public ScenarioParameters(Optional<Integer> monitorsFixed, int eventsMax, Optional<Integer> storeFailPercentFixed,
            Optional<Integer> crashPercentFixed, Optional<Integer> clockJumpPercentFixed, Optional<Scenario.ProbeMix> probesFixed,
            Optional<Scenario.CommandMix> commandsFixed) {
        this(monitorsFixed, eventsMax, storeFailPercentFixed, crashPercentFixed, clockJumpPercentFixed, probesFixed, commandsFixed,
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Parameters with the engine's limits fixed to the simulation's usual ones and ids that never collide. */
    public ScenarioParameters(Optional<Integer> monitorsFixed, int eventsMax, Optional<Integer> storeFailPercentFixed,
            Optional<Integer> crashPercentFixed, Optional<Integer> clockJumpPercentFixed, Optional<Scenario.ProbeMix> probesFixed,
            Optional<Scenario.CommandMix> commandsFixed, Optional<Integer> pausePercentFixed, Optional<Integer> closePercentFixed,
            Optional<Boolean> listenersFixed) {
        this(monitorsFixed, eventsMax, storeFailPercentFixed, crashPercentFixed, clockJumpPercentFixed, probesFixed, commandsFixed,
                pausePercentFixed, closePercentFixed, listenersFixed, false, false, false, false);
    }

    public ScenarioParameters {
        monitorsFixed.ifPresent(count -> {
            if (count < 1 || count > MONITORS_MAX) {
                throw new IllegalArgumentException("monitors = " + count + " must be within 1 … " + MONITORS_MAX);
            }
        });
    }

    /** Everything drawn, runs of {@link #EVENTS_MAX_DEFAULT} events. */
    public static ScenarioParameters swarm() {
        return new ScenarioParameters(Optional.empty(), EVENTS_MAX_DEFAULT, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** These parameters with pause and close rates fixed. */
    public ScenarioParameters withPausesAndCloses(int pausePercent, int closePercent) {
        return new ScenarioParameters(monitorsFixed, eventsMax, storeFailPercentFixed, crashPercentFixed, clockJumpPercentFixed, probesFixed,
                commandsFixed, Optional.of(pausePercent), Optional.of(closePercent), listenersFixed, engineLimitsDrawn, idCollisionsDrawn, prunesDrawn, idsRunOutDrawn);
    }

    /** These parameters with listeners always registered, or never. */
    public ScenarioParameters withListeners(boolean value) {
        return new ScenarioParameters(monitorsFixed, eventsMax, storeFailPercentFixed, crashPercentFixed, clockJumpPercentFixed, probesFixed,
                commandsFixed, pausePercentFixed, closePercentFixed, Optional.of(value), engineLimitsDrawn, idCollisionsDrawn, prunesDrawn, idsRunOutDrawn);
    }

    /** These parameters with the engine's limits drawn per seed ({@code --engine-limits}), or fixed to the usual ones. */
    public ScenarioParameters withEngineLimitsDrawn(boolean value) {
        return new ScenarioParameters(monitorsFixed, eventsMax, storeFailPercentFixed, crashPercentFixed, clockJumpPercentFixed, probesFixed,
                commandsFixed, pausePercentFixed, closePercentFixed, listenersFixed, value, idCollisionsDrawn, prunesDrawn, idsRunOutDrawn);
    }

    /** These parameters with a repeating operation-id source drawn per seed ({@code --id-collisions}), or none. */
    public ScenarioParameters withIdCollisionsDrawn(boolean value) {
        return new ScenarioParameters(monitorsFixed, eventsMax, storeFailPercentFixed, crashPercentFixed, clockJumpPercentFixed, probesFixed,
                commandsFixed, pausePercentFixed, closePercentFixed, listenersFixed, engineLimitsDrawn, value, prunesDrawn, idsRunOutDrawn);
    }

    /** These parameters with a rate of history prunings drawn per seed ({@code --prunes}), or none. */
    public ScenarioParameters withPrunesDrawn(boolean value) {
        return new ScenarioParameters(monitorsFixed, eventsMax, storeFailPercentFixed, crashPercentFixed, clockJumpPercentFixed, probesFixed,
                commandsFixed, pausePercentFixed, closePercentFixed, listenersFixed, engineLimitsDrawn, idCollisionsDrawn, value, idsRunOutDrawn);
    }

    /** These parameters with a rate of exhausted id sources drawn per seed ({@code --ids-run-out}), or none. */
    public ScenarioParameters withIdsRunOutDrawn(boolean value) {
        return new ScenarioParameters(monitorsFixed, eventsMax, storeFailPercentFixed, crashPercentFixed, clockJumpPercentFixed, probesFixed,
                commandsFixed, pausePercentFixed, closePercentFixed, listenersFixed, engineLimitsDrawn, idCollisionsDrawn, prunesDrawn, value);
    }

    public Scenario draw(ChoiceSource choices) {
        int monitorCount = monitorsFixed.orElseGet(() -> choices.between(1, 3));
        List<String> ids = MonitorIds.draw(choices, monitorCount);
        List<Scenario.MonitorPlan> monitors = new ArrayList<>();
        for (String id : ids) {
            monitors.add(new Scenario.MonitorPlan(id, settings().generate(choices)));
        }
        Scenario.ProbeMix probes = probesFixed.orElseGet(() -> drawProbeMix(choices));
        Scenario.CommandMix commands = commandsFixed.orElseGet(() -> drawCommandMix(choices));
        int storeFailPercent = storeFailPercentFixed.orElseGet(() -> choices.chance(40) ? choices.between(1, 10) : 0);
        int crashPercent = crashPercentFixed.orElseGet(() -> choices.chance(30) ? choices.between(1, 5) : 0);
        long gapMsMax = Gen.oneOf(3_000L, 500L, 10_000L, 60_000L).generate(choices);
        int clockJumpPercent = clockJumpPercentFixed.orElseGet(() -> choices.chance(25) ? choices.between(1, 5) : 0);
        int pausePercent = pausePercentFixed.orElseGet(() -> choices.chance(25) ? choices.between(1, 5) : 0);
        int closePercent = closePercentFixed.orElseGet(() -> choices.chance(20) ? choices.between(1, 3) : 0);
        int dispatchRacePercent = choices.chance(30) ? choices.between(5, 50) : 0;
        int returnTwicePercent = choices.chance(20) ? choices.between(5, 30) : 0;
        boolean withListeners = listenersFixed.orElseGet(() -> choices.chance(40));
        List<ListenerSpec> listeners = new ArrayList<>();
        if (withListeners) {
            int count = choices.between(1, LISTENERS_MAX);
            for (int i = 0; i < count; i++) {
                listeners.add(drawListener(choices, ids));
            }
        }
        long listenerDelayMsMax = listeners.isEmpty() ? 0 : Gen.oneOf(0L, 100L, 2_000L, 10_000L).generate(choices);
        int foreignRecoverPercent = choices.chance(20) ? choices.between(1, 3) : 0;
        // Drawn last, and only when asked for: without them a seed draws what it always drew.
        EngineLimits engineLimits = engineLimitsDrawn ? drawEngineLimits(choices) : EngineLimits.SIMULATION;
        int idCollisionPercent = idCollisionsDrawn && choices.chance(75) ? choices.between(5, 60) : 0;
        int prunePercent = prunesDrawn && choices.chance(75) ? choices.between(1, 10) : 0;
        int idsRunOutPercent = idsRunOutDrawn && choices.chance(75) ? choices.between(1, 5) : 0;
        return new Scenario(monitors, probes, commands, storeFailPercent, crashPercent, clockJumpPercent, pausePercent, closePercent,
                foreignRecoverPercent,
                dispatchRacePercent, returnTwicePercent, listeners, listenerDelayMsMax, gapMsMax, eventsMax, false, engineLimits,
                idCollisionPercent, prunePercent, idsRunOutPercent);
    }

    /**
     * An engine configured as users do: a lowest interval at, between or above the drawn intervals
     * (so that some settings are refused and some sit exactly on the bound), and timeouts longer
     * than the interval refused as often as allowed (the builder's default refuses them).
     */
    private static EngineLimits drawEngineLimits(ChoiceSource choices) {
        long intervalMsMin = Gen.oneOf(ModelSettings.INTERVAL_MS_MIN, 2_000L, 5_000L).generate(choices);
        return new EngineLimits(intervalMsMin, choices.chance(50));
    }

    /** A listener of users' kind: on some event of a monitor, it calls a command, on that monitor or another, or only fails. */
    private static ListenerSpec drawListener(ChoiceSource choices, List<String> ids) {
        ListenerSpec.Trigger trigger = ListenerSpec.Trigger.values()[choices.draw(ListenerSpec.Trigger.values().length)];
        String on = ids.get(choices.draw(ids.size()));
        ListenerSpec.Reaction reaction = Gen.weighted(List.of(ListenerSpec.Reaction.values()), new int[] {2, 3, 3, 4, 1, 1, 1})
                .generate(choices);
        String target = choices.chance(50) ? ids.get(choices.draw(ids.size())) : on;
        return new ListenerSpec(trigger, on, reaction, target, choices.chance(20));
    }

    /** Settings the simulation draws: short intervals and timeouts so that events interleave. */
    public static Gen<ModelSettings> settings() {
        return choices -> new ModelSettings(
                INTERVALS_MS.get(choices.draw(INTERVALS_MS.size())),
                TIMEOUTS_MS.get(choices.draw(TIMEOUTS_MS.size())),
                choices.between(0, 2));
    }

    private static Scenario.ProbeMix drawProbeMix(ChoiceSource choices) {
        // Up is always possible; the other outcomes are switched on or off per scenario (swarm).
        return new Scenario.ProbeMix(choices.between(1, 10), weight(choices), weight(choices), weight(choices), weight(choices),
                rare(choices), rare(choices));
    }

    private static Scenario.CommandMix drawCommandMix(ChoiceSource choices) {
        return new Scenario.CommandMix(weight(choices), weight(choices), weight(choices), choices.between(1, 10), weight(choices),
                weight(choices), weight(choices), weight(choices));
    }

    /** Off about a third of the time, else 1 … 10. */
    private static int weight(ChoiceSource choices) {
        return choices.chance(65) ? choices.between(1, 10) : 0;
    }

    /** Off two thirds of the time, else 1 … 3: shapes a correct probe seldom returns. */
    private static int rare(ChoiceSource choices) {
        return choices.chance(35) ? choices.between(1, 3) : 0;
    }
}
