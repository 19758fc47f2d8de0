package dev.vigil.simulation.explore;

import dev.vigil.model.ListenerSpec;
import dev.vigil.model.ModelSettings;
import dev.vigil.model.Outcome;
import dev.vigil.model.Scope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A bounded scope as a person writes it (and a trace records it): monitors {@code m1 … mN} with
 * interval 2 000 ms and timeout 1 000 ms, their command budget, retries, faults and outcomes.
 *
 * @param monitors           1 … 3
 * @param commandsPerMonitor commands each monitor may receive (add counts), 1 … 6
 * @param retries            retry attempts of every monitor, 0 … 2
 * @param storeFaults        store failures the scope may inject, 0 … 2
 * @param crashes            crashes (each followed by a restart when chosen), 0 … 2
 * @param outcomes           probe outcomes considered
 * @param bulkCommands       whether startAll and stopAll are in scope
 * @param clockJumps         wall-clock jumps (an hour back or forward) the scope may inject, 0 … 2
 * @param updates            whether update is in scope (to the other retry count: 1 when retries is 0, else 0)
 * @param pauses             process pauses ({@code EnabledEvents.PAUSE_MS} each) the scope may inject, 0 … 2
 * @param closes             graceful closes (each followed by a restart when chosen), 0 … 2
 * @param listeners          listeners registered on the engine that call commands back
 * @param foreignRecovers    recoveries run by another engine on the same store, each emptying every
 *                           stored list of operations behind this engine's back, 0 … 2
 */
public record ScopeSpec(int monitors, int commandsPerMonitor, int retries, int storeFaults, int crashes, List<Outcome> outcomes,
        boolean bulkCommands, int clockJumps, boolean updates, int pauses, int closes, List<ListenerSpec> listeners, int foreignRecovers) {

    /** The larger standard scope: minutes to explore, so {@code verify} explores it on the real engine only. */
    public static final String LARGE = "two-monitors-bulk-store-fault";
    public static final long INTERVAL_MS = 2_000;
    public static final long TIMEOUT_MS = 1_000;

    public ScopeSpec {
        requireRange("monitors", monitors, 1, 3);
        requireRange("commands per monitor", commandsPerMonitor, 1, 6);
        requireRange("retries", retries, 0, 2);
        requireRange("store faults", storeFaults, 0, 2);
        requireRange("crashes", crashes, 0, 2);
        requireRange("clock jumps", clockJumps, 0, 2);
        requireRange("pauses", pauses, 0, 2);
        requireRange("closes", closes, 0, 2);
        requireRange("foreign recovers", foreignRecovers, 0, 2);
        outcomes = List.copyOf(Objects.requireNonNull(outcomes, "outcomes"));
        if (outcomes.isEmpty()) {
            throw new IllegalArgumentException("a scope needs at least one probe outcome");
        }
        listeners = List.copyOf(Objects.requireNonNull(listeners, "listeners"));
        for (ListenerSpec listener : listeners) {
            if (!isMonitor(listener.on(), monitors) || !isMonitor(listener.target(), monitors)) {
                throw new IllegalArgumentException("listener '" + listener + "' names a monitor outside m1 … m" + monitors);
            }
        }
    }

    /** A scope without recoveries by another engine. */
    public ScopeSpec(int monitors, int commandsPerMonitor, int retries, int storeFaults, int crashes, List<Outcome> outcomes,
            boolean bulkCommands, int clockJumps, boolean updates, int pauses, int closes, List<ListenerSpec> listeners) {
        this(monitors, commandsPerMonitor, retries, storeFaults, crashes, outcomes, bulkCommands, clockJumps, updates, pauses, closes, listeners,
                0);
    }

    /** A scope without clock jumps, updates, pauses, closes or listeners. */
    public ScopeSpec(int monitors, int commandsPerMonitor, int retries, int storeFaults, int crashes, List<Outcome> outcomes,
            boolean bulkCommands) {
        this(monitors, commandsPerMonitor, retries, storeFaults, crashes, outcomes, bulkCommands, 0, false, 0, 0, List.of());
    }

    /**
     * The standard scopes {@code verify} explores completely, by name: the first four are the
     * classic ones with update added; then a larger one, and one per dimension a user or the
     * runtime adds (probe return shapes, listeners that call back, pauses and closes, another
     * engine writing the same store).
     */
    public static Map<String, ScopeSpec> standard() {
        List<Outcome> upDown = List.of(Outcome.UP, Outcome.DOWN);
        Map<String, ScopeSpec> scopes = new LinkedHashMap<>();
        scopes.put("one-monitor-retries", new ScopeSpec(1, 3, 1, 0, 0, upDown, true, 0, true, 0, 0, List.of()));
        scopes.put("two-monitors", new ScopeSpec(2, 3, 0, 0, 0, List.of(Outcome.UP), false, 0, false, 0, 0, List.of()));
        scopes.put("crash-and-store-failure", new ScopeSpec(1, 3, 0, 1, 1, upDown, true, 0, true, 0, 0, List.of()));
        scopes.put("clock-jump", new ScopeSpec(1, 3, 1, 0, 0, upDown, false, 1, true, 0, 0, List.of()));
        scopes.put(LARGE, new ScopeSpec(2, 3, 0, 1, 0, List.of(Outcome.UP), true, 0, false, 0, 0, List.of()));
        scopes.put("probe-shapes", new ScopeSpec(1, 2, 1, 0, 0,
                List.of(Outcome.UP, Outcome.NULL, Outcome.THROW_RUNTIME, Outcome.THROW_WRAPPED, Outcome.THROW_ERROR), false, 0, false, 0, 0,
                List.of()));
        scopes.put("listeners", new ScopeSpec(2, 2, 0, 0, 0, List.of(Outcome.UP), false, 0, false, 0, 0, List.of(
                new ListenerSpec(ListenerSpec.Trigger.CHECK_COMPLETED, "m1", ListenerSpec.Reaction.CHECK_NOW, "m2", false),
                new ListenerSpec(ListenerSpec.Trigger.STATUS_CHANGED, "m2", ListenerSpec.Reaction.STOP, "m2", true))));
        scopes.put("pause-and-close", new ScopeSpec(1, 2, 1, 0, 0, upDown, false, 0, false, 1, 1, List.of()));
        scopes.put("foreign-writer", new ScopeSpec(1, 3, 1, 1, 0, upDown, false, 0, false, 0, 0, List.of(), 1));
        return scopes;
    }

    /**
     * Named scopes outside the standard ones, explored only when asked for (too long for
     * {@code verify}): {@code three-monitors}, three monitors with two commands each and a retry,
     * where three monitors interleave: more than ten minutes on the engine without reduction.
     */
    public static Map<String, ScopeSpec> extra() {
        Map<String, ScopeSpec> scopes = new LinkedHashMap<>();
        scopes.put("three-monitors", new ScopeSpec(3, 2, 1, 0, 0, List.of(Outcome.UP), false));
        return scopes;
    }

    /** A standard or an {@link #extra()} scope by name. */
    public static ScopeSpec named(String name) {
        ScopeSpec spec = standard().containsKey(name) ? standard().get(name) : extra().get(name);
        if (spec == null) {
            throw new IllegalArgumentException("unknown scope '" + name + "'; known: " + String.join(", ", standard().keySet()) + ", "
                    + String.join(", ", extra().keySet()));
        }
        return spec;
    }

    public Scope toScope() {
        Scope scope = Scope.uniform(monitors, new ModelSettings(INTERVAL_MS, TIMEOUT_MS, retries), commandsPerMonitor, storeFaults, crashes)
                .withOutcomes(outcomes.toArray(Outcome[]::new))
                .withBulkCommands(bulkCommands)
                .withClockJumps(clockJumps)
                .withPauses(pauses)
                .withCloses(closes)
                .withListeners(listeners.toArray(ListenerSpec[]::new))
                .withForeignWrites(foreignRecovers);
        return updates ? scope.withUpdates(new ModelSettings(INTERVAL_MS, TIMEOUT_MS, retries == 0 ? 1 : 0)) : scope;
    }

    public String describe() {
        return monitors + " monitor(s), " + commandsPerMonitor + " command(s) each, retries " + retries + ", store faults " + storeFaults
                + ", crashes " + crashes + (clockJumps == 0 ? "" : ", clock jumps " + clockJumps) + (pauses == 0 ? "" : ", pauses " + pauses)
                + (closes == 0 ? "" : ", closes " + closes)
                + (foreignRecovers == 0 ? "" : ", foreign recovers " + foreignRecovers) + ", outcomes " + outcomes + (bulkCommands ? ", with startAll/stopAll" : "")
                + (updates ? ", with update" : "") + (listeners.isEmpty() ? "" : ", listeners " + listeners);
    }

    /**
     * A listener as the command line writes it: {@code TRIGGER:ON:REACTION:TARGET}, with
     * {@code :throws} to make it throw after handling each event; e.g. {@code check_completed:m1:check_now:m2}.
     */
    public static ListenerSpec parseListener(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 4 && !(parts.length == 5 && parts[4].equalsIgnoreCase("throws"))) {
            throw new IllegalArgumentException("--listener '" + text + "' must be TRIGGER:ON:REACTION:TARGET[:throws], e.g. "
                    + "check_completed:m1:check_now:m2");
        }
        try {
            return new ListenerSpec(ListenerSpec.Trigger.valueOf(parts[0].strip().toUpperCase(Locale.ROOT)), parts[1].strip(),
                    ListenerSpec.Reaction.valueOf(parts[2].strip().toUpperCase(Locale.ROOT)), parts[3].strip(), parts.length == 5);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--listener '" + text + "': triggers are " + List.of(ListenerSpec.Trigger.values())
                    + ", reactions " + List.of(ListenerSpec.Reaction.values()));
        }
    }

    private static boolean isMonitor(String id, int monitors) {
        for (int i = 1; i <= monitors; i++) {
            if (id.equals("m" + i)) {
                return true;
            }
        }
        return false;
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " = " + value + " must be within " + min + " … " + max);
        }
    }
}
