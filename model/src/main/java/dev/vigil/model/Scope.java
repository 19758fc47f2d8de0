package dev.vigil.model;

import io.vavr.collection.List;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;

/**
 * What a scenario may do: which monitors exist (with the settings they are added with), which
 * other settings updates may set, and how many commands, store faults and crashes it may spend.
 *
 * @param monitors           monitor ids with their settings for {@code add}
 * @param updates            settings that {@code update} may set; empty: no updates
 * @param commandsPerMonitor commands each monitor may receive
 * @param bulkCommands       whether startAll and stopAll are offered
 * @param storeFaults        how many {@code storeFails} may happen
 * @param crashes            how many crashes may happen (each restart is free)
 * @param outcomes           the probe outcomes offered for each in-flight attempt
 * @param clockJumps         how many wall-clock jumps may happen (each one hour back or forward)
 * @param pauses             how many process pauses may happen (each {@link EnabledEvents#PAUSE_MS} long)
 * @param closes             how many graceful closes may happen (each followed by a restart when chosen)
 * @param listeners          listeners that call commands back; with any, delivery is an event of its own
 * @param foreignWrites      how many times another engine on the same store may run its startup
 *                           recovery, emptying every stored {@code activeOperations}
 */
public record Scope(
        SortedMap<String, ModelSettings> monitors,
        List<ModelSettings> updates,
        int commandsPerMonitor,
        boolean bulkCommands,
        int storeFaults,
        int crashes,
        List<Outcome> outcomes,
        int clockJumps,
        int pauses,
        int closes,
        List<ListenerSpec> listeners,
        int foreignWrites) {

    /** A scope without clock jumps, pauses, closes or listeners. */
    public Scope(SortedMap<String, ModelSettings> monitors, List<ModelSettings> updates, int commandsPerMonitor, boolean bulkCommands,
            int storeFaults, int crashes, List<Outcome> outcomes) {
        this(monitors, updates, commandsPerMonitor, bulkCommands, storeFaults, crashes, outcomes, 0, 0, 0, List.empty(), 0);
    }

    /**
     * @return monitors {@code m1 … mN} with the same settings, no updates, bulk commands on,
     *     outcomes UP and DOWN (THROW behaves as DOWN in every rule)
     */
    public static Scope uniform(int monitorCount, ModelSettings settings, int commandsPerMonitor, int storeFaults, int crashes) {
        SortedMap<String, ModelSettings> monitors = TreeMap.empty();
        for (int i = 1; i <= monitorCount; i++) {
            monitors = monitors.put("m" + i, settings);
        }
        return new Scope(monitors, List.empty(), commandsPerMonitor, true, storeFaults, crashes, List.of(Outcome.UP, Outcome.DOWN));
    }

    /** @return this scope with these settings offered to {@code update} */
    public Scope withUpdates(ModelSettings... settings) {
        return new Scope(monitors, List.of(settings), commandsPerMonitor, bulkCommands, storeFaults, crashes, outcomes, clockJumps, pauses,
                closes, listeners, foreignWrites);
    }

    /** @return this scope with these probe outcomes */
    public Scope withOutcomes(Outcome... values) {
        return new Scope(monitors, updates, commandsPerMonitor, bulkCommands, storeFaults, crashes, List.of(values), clockJumps, pauses,
                closes, listeners, foreignWrites);
    }

    /** @return this scope with or without startAll and stopAll */
    public Scope withBulkCommands(boolean value) {
        return new Scope(monitors, updates, commandsPerMonitor, value, storeFaults, crashes, outcomes, clockJumps, pauses, closes, listeners, foreignWrites);
    }

    /** @return this scope with this many wall-clock jumps */
    public Scope withClockJumps(int value) {
        return new Scope(monitors, updates, commandsPerMonitor, bulkCommands, storeFaults, crashes, outcomes, value, pauses, closes, listeners, foreignWrites);
    }

    /** @return this scope with this many process pauses */
    public Scope withPauses(int value) {
        return new Scope(monitors, updates, commandsPerMonitor, bulkCommands, storeFaults, crashes, outcomes, clockJumps, value, closes, listeners, foreignWrites);
    }

    /** @return this scope with this many graceful closes */
    public Scope withCloses(int value) {
        return new Scope(monitors, updates, commandsPerMonitor, bulkCommands, storeFaults, crashes, outcomes, clockJumps, pauses, value, listeners, foreignWrites);
    }

    /** @return this scope with this many recoveries run by another engine on the same store */
    public Scope withForeignWrites(int value) {
        return new Scope(monitors, updates, commandsPerMonitor, bulkCommands, storeFaults, crashes, outcomes, clockJumps, pauses, closes,
                listeners, value);
    }

    /** @return this scope with these listeners registered */
    public Scope withListeners(ListenerSpec... values) {
        return new Scope(monitors, updates, commandsPerMonitor, bulkCommands, storeFaults, crashes, outcomes, clockJumps, pauses, closes,
                List.of(values), foreignWrites);
    }

    /** @return the state an exploration of this scope starts from: nothing yet, its listeners registered */
    public ModelState initialState() {
        return ModelState.initial().withListeners(listeners.toJavaList());
    }

    /** @return the full budget of this scope */
    public Budget budget() {
        return new Budget(monitors.mapValues(s -> commandsPerMonitor), storeFaults, crashes, clockJumps, pauses, closes, foreignWrites);
    }

    @Override
    public String toString() {
        return monitors.size() + " monitor(s) " + monitors.values().distinct().mkString("/") + ", "
                + commandsPerMonitor + " command(s) each" + (bulkCommands ? " incl. startAll/stopAll" : "")
                + (updates.isEmpty() ? "" : ", updates to " + updates.mkString("/"))
                + ", " + storeFaults + " store fault(s), " + crashes + " crash(es)" + (clockJumps == 0 ? "" : ", " + clockJumps + " clock jump(s)")
                + (pauses == 0 ? "" : ", " + pauses + " pause(s)") + (closes == 0 ? "" : ", " + closes + " close(s)")
                + (foreignWrites == 0 ? "" : ", " + foreignWrites + " foreign recover(ies)")
                + (listeners.isEmpty() ? "" : ", listeners " + listeners.mkString("; "))
                + ", outcomes " + outcomes.mkString("/");
    }
}
