package dev.vigil.simulation.scenario;

import dev.vigil.model.EngineLimits;
import dev.vigil.model.ListenerSpec;
import dev.vigil.model.ModelSettings;
import java.util.List;
import java.util.Objects;

/**
 * What one random run exercises: its monitors, the mix of probe outcomes and commands, its
 * fault rates and its length. Swarm testing draws a fresh one per seed, so that some runs hammer
 * stop/start while others never crash, and a bug that one mix hides another finds.
 *
 * @param monitors              the monitors, added at time 0 in this order
 * @param probes                relative weights of probe outcomes
 * @param commands              relative weights of commands
 * @param storeFailPercent      chance that a command slot arms a store failure instead
 * @param crashPercent          chance that a command slot crashes the engine instead
 * @param clockJumpPercent      chance that a command slot jumps the wall clock instead (back or forward)
 * @param pausePercent          chance that a command slot pauses the process instead (timers then fire late)
 * @param closePercent          chance that a command slot closes the engine instead (gracefully, probes out)
 * @param foreignRecoverPercent chance that a command slot lets another engine on the same store run its
 *                              startup recovery instead, emptying every stored list of operations
 * @param dispatchRacePercent   chance that a due timer's task is handed to its thread and a command runs first
 * @param returnTwicePercent    chance that a probe return is delivered a second time (a buggy probe executor)
 * @param listeners             listeners that call the engine back, registered in this order
 * @param listenerDelayMsMax    how long one delivery may keep the event thread busy (slow listeners)
 * @param commandGapMsMax       the longest virtual pause between two command slots
 * @param eventsMax             events after which the run ends
 * @param startAtOnce           whether a startAll follows the adds at time 0
 * @param engineLimits          the engine's configured limits on settings (the model is told them)
 * @param idCollisionPercent    chance that an operation-id candidate collides (null, blank or live); 0: never
 * @param prunePercent          chance that a command slot prunes the history (R17) instead; 0: never
 * @param idsRunOutPercent      chance that a command slot makes the id source run out at the next check (R18) instead; 0: never
 */
public record Scenario(
        List<MonitorPlan> monitors,
        ProbeMix probes,
        CommandMix commands,
        int storeFailPercent,
        int crashPercent,
        int clockJumpPercent,
        int pausePercent,
        int closePercent,
        int foreignRecoverPercent,
        int dispatchRacePercent,
        int returnTwicePercent,
        List<ListenerSpec> listeners,
        long listenerDelayMsMax,
        long commandGapMsMax,
        int eventsMax,
        boolean startAtOnce,
        EngineLimits engineLimits,
        int idCollisionPercent,
        int prunePercent,
        int idsRunOutPercent) {

    /** A scenario with the simulation's usual engine limits and an id source that never repeats. */
    public Scenario(List<MonitorPlan> monitors, ProbeMix probes, CommandMix commands, int storeFailPercent, int crashPercent,
            int clockJumpPercent, int pausePercent, int closePercent, int foreignRecoverPercent, int dispatchRacePercent,
            int returnTwicePercent, List<ListenerSpec> listeners, long listenerDelayMsMax, long commandGapMsMax, int eventsMax,
            boolean startAtOnce) {
        this(monitors, probes, commands, storeFailPercent, crashPercent, clockJumpPercent, pausePercent, closePercent,
                foreignRecoverPercent, dispatchRacePercent, returnTwicePercent, listeners, listenerDelayMsMax, commandGapMsMax, eventsMax,
                startAtOnce, EngineLimits.SIMULATION, 0, 0, 0);
    }

    /** A monitor of the scenario and its initial settings. */
    public record MonitorPlan(String id, ModelSettings settings) {
        public MonitorPlan {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(settings, "settings");
        }
    }

    /**
     * Relative weights of what a probe attempt does: answer up, down, throw a checked exception,
     * hang, answer after its timeout, return {@code null}, or fail as a buggy probe does (an
     * unchecked exception, a wrapped one, an {@code Error}).
     */
    public record ProbeMix(int up, int down, int thrown, int hang, int late, int nullResult, int buggy) {
        public ProbeMix {
            requireWeights("probe", up, down, thrown, hang, late, nullResult, buggy);
        }

        /** The weights of the first five, without nulls and buggy throws. */
        public ProbeMix(int up, int down, int thrown, int hang, int late) {
            this(up, down, thrown, hang, late, 0, 0);
        }

        public int[] weights() {
            return new int[] {up, down, thrown, hang, late, nullResult, buggy};
        }
    }

    /** Relative weights of the commands. */
    public record CommandMix(int add, int update, int remove, int start, int stop, int checkNow, int startAll, int stopAll) {
        public CommandMix {
            requireWeights("command", add, update, remove, start, stop, checkNow, startAll, stopAll);
        }

        public int[] weights() {
            return new int[] {add, update, remove, start, stop, checkNow, startAll, stopAll};
        }
    }

    public Scenario {
        monitors = List.copyOf(monitors);
        Objects.requireNonNull(probes, "probes");
        Objects.requireNonNull(commands, "commands");
        if (monitors.isEmpty()) {
            throw new IllegalArgumentException("a scenario needs at least one monitor");
        }
        requirePercent("storeFailPercent", storeFailPercent);
        requirePercent("crashPercent", crashPercent);
        requirePercent("clockJumpPercent", clockJumpPercent);
        requirePercent("pausePercent", pausePercent);
        requirePercent("closePercent", closePercent);
        requirePercent("foreignRecoverPercent", foreignRecoverPercent);
        requirePercent("dispatchRacePercent", dispatchRacePercent);
        requirePercent("returnTwicePercent", returnTwicePercent);
        requirePercent("idCollisionPercent", idCollisionPercent);
        requirePercent("prunePercent", prunePercent);
        requirePercent("idsRunOutPercent", idsRunOutPercent);
        Objects.requireNonNull(engineLimits, "engineLimits");
        int faults = storeFailPercent + crashPercent + clockJumpPercent + pausePercent + closePercent + foreignRecoverPercent;
        if (faults > 100) {
            throw new IllegalArgumentException("storeFailPercent + crashPercent + clockJumpPercent + pausePercent + closePercent"
                    + " + foreignRecoverPercent = "
                    + faults + " exceeds 100");
        }
        listeners = List.copyOf(listeners);
        if (listenerDelayMsMax < 0 || listenerDelayMsMax > 600_000) {
            throw new IllegalArgumentException("listenerDelayMsMax = " + listenerDelayMsMax + " must be within 0 … 600000");
        }
        if (commandGapMsMax < 0 || commandGapMsMax > 86_400_000) {
            throw new IllegalArgumentException("commandGapMsMax = " + commandGapMsMax + " must be within 0 … 86400000");
        }
        if (eventsMax < 1 || eventsMax > 10_000_000) {
            throw new IllegalArgumentException("eventsMax = " + eventsMax + " must be within 1 … 10000000");
        }
    }

    private static void requirePercent(String name, int value) {
        if (value < 0 || value > 100) {
            throw new IllegalArgumentException(name + " = " + value + " must be within 0 … 100");
        }
    }

    private static void requireWeights(String what, int... weights) {
        int total = 0;
        for (int weight : weights) {
            if (weight < 0) {
                throw new IllegalArgumentException(what + " weight " + weight + " is negative");
            }
            total += weight;
        }
        if (total == 0) {
            throw new IllegalArgumentException("every " + what + " weight is 0: at least one must be positive");
        }
    }

    /** One line for timelines and reports. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        for (MonitorPlan monitor : monitors) {
            text.append(monitor.id()).append('(').append(monitor.settings().intervalMs()).append('/')
                    .append(monitor.settings().timeoutMs()).append("ms r").append(monitor.settings().retryAttempts()).append(") ");
        }
        return text + "probes " + probes + " commands " + commands + " storeFail " + storeFailPercent + "% crash " + crashPercent
                + "% clockJump " + clockJumpPercent + "% pause " + pausePercent + "% close " + closePercent + "% foreignRecover "
                + foreignRecoverPercent + "% dispatchRace "
                + dispatchRacePercent + "% returnTwice " + returnTwicePercent + "%"
                + (listeners.isEmpty() ? "" : " listeners " + listeners + " (delivery ≤" + listenerDelayMsMax + "ms)")
                + " gap≤" + commandGapMsMax + "ms events " + eventsMax
                + (engineLimits.equals(EngineLimits.SIMULATION) ? "" : " engine " + engineLimits)
                + (idCollisionPercent == 0 ? "" : " idCollisions " + idCollisionPercent + "%")
                + (prunePercent == 0 ? "" : " prunes " + prunePercent + "%")
                + (idsRunOutPercent == 0 ? "" : " idsRunOut " + idsRunOutPercent + "%");
    }
}
