package dev.vigil.model;

import io.vavr.collection.SortedMap;

/**
 * What is left of a {@link Scope}'s budgets: commands per monitor, store faults, crashes, clock
 * jumps, pauses, closes and writes by another writer. Timer firings, probe returns, deliveries and restarts are free: they
 * are the environment's, not the scenario's (a listener's commands are free too: the delivery
 * that makes them is).
 *
 * @param commands commands left per monitor id; startAll and stopAll spend one of every present monitor
 */
public record Budget(SortedMap<String, Integer> commands, int storeFaults, int crashes, int clockJumps, int pauses, int closes, int foreignWrites) {

    /** A budget without clock jumps, pauses, closes or foreign writes. */
    public Budget(SortedMap<String, Integer> commands, int storeFaults, int crashes) {
        this(commands, storeFaults, crashes, 0, 0, 0, 0);
    }

    /** @return commands left for this monitor */
    public int commandsLeft(String monitorId) {
        return commands.get(monitorId).getOrElse(0);
    }

    /** @return this budget after {@code event} happened in {@code state} */
    public Budget spend(ModelState state, ModelEvent event) {
        return switch (event) {
            case ModelEvent.StoreFails ignored -> new Budget(commands, storeFaults - 1, crashes, clockJumps, pauses, closes, foreignWrites);
            case ModelEvent.Crash ignored -> new Budget(commands, storeFaults, crashes - 1, clockJumps, pauses, closes, foreignWrites);
            case ModelEvent.ClockJump ignored -> new Budget(commands, storeFaults, crashes, clockJumps - 1, pauses, closes, foreignWrites);
            case ModelEvent.Pause ignored -> new Budget(commands, storeFaults, crashes, clockJumps, pauses - 1, closes, foreignWrites);
            case ModelEvent.Close ignored -> new Budget(commands, storeFaults, crashes, clockJumps, pauses, closes - 1, foreignWrites);
            case ModelEvent.ForeignRecover ignored -> new Budget(commands, storeFaults, crashes, clockJumps, pauses, closes, foreignWrites - 1);
            case ModelEvent.StartAll ignored -> spendAll(state);
            case ModelEvent.StopAll ignored -> spendAll(state);
            default -> event.commandTarget()
                    .map(id -> new Budget(commands.put(id, commandsLeft(id) - 1), storeFaults, crashes, clockJumps, pauses, closes, foreignWrites))
                    .getOrElse(this);
        };
    }

    private Budget spendAll(ModelState state) {
        SortedMap<String, Integer> left = commands;
        for (String id : state.monitorIds()) {
            left = left.put(id, left.get(id).getOrElse(0) - 1);
        }
        return new Budget(left, storeFaults, crashes, clockJumps, pauses, closes, foreignWrites);
    }
}
