package dev.vigil.simulation.explore;

import dev.vigil.model.ModelSettings;
import dev.vigil.model.Outcome;
import dev.vigil.model.Scope;
import java.util.LinkedHashMap;
import java.util.List;
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
 */
public record ScopeSpec(int monitors, int commandsPerMonitor, int retries, int storeFaults, int crashes, List<Outcome> outcomes,
        boolean bulkCommands, int clockJumps) {

    public static final long INTERVAL_MS = 2_000;
    public static final long TIMEOUT_MS = 1_000;

    public ScopeSpec {
        requireRange("monitors", monitors, 1, 3);
        requireRange("commands per monitor", commandsPerMonitor, 1, 6);
        requireRange("retries", retries, 0, 2);
        requireRange("store faults", storeFaults, 0, 2);
        requireRange("crashes", crashes, 0, 2);
        requireRange("clock jumps", clockJumps, 0, 2);
        outcomes = List.copyOf(Objects.requireNonNull(outcomes, "outcomes"));
        if (outcomes.isEmpty()) {
            throw new IllegalArgumentException("a scope needs at least one probe outcome");
        }
    }

    /** A scope without clock jumps. */
    public ScopeSpec(int monitors, int commandsPerMonitor, int retries, int storeFaults, int crashes, List<Outcome> outcomes,
            boolean bulkCommands) {
        this(monitors, commandsPerMonitor, retries, storeFaults, crashes, outcomes, bulkCommands, 0);
    }

    /** The standard scopes {@code verify} explores completely, by name. */
    public static Map<String, ScopeSpec> standard() {
        Map<String, ScopeSpec> scopes = new LinkedHashMap<>();
        scopes.put("one-monitor-retries", new ScopeSpec(1, 3, 1, 0, 0, List.of(Outcome.UP, Outcome.DOWN), true));
        scopes.put("two-monitors", new ScopeSpec(2, 3, 0, 0, 0, List.of(Outcome.UP), false));
        scopes.put("crash-and-store-failure", new ScopeSpec(1, 3, 0, 1, 1, List.of(Outcome.UP, Outcome.DOWN), true));
        scopes.put("clock-jump", new ScopeSpec(1, 3, 1, 0, 0, List.of(Outcome.UP, Outcome.DOWN), false, 1));
        return scopes;
    }

    public static ScopeSpec named(String name) {
        ScopeSpec spec = standard().get(name);
        if (spec == null) {
            throw new IllegalArgumentException("unknown scope '" + name + "'; known: " + String.join(", ", standard().keySet()));
        }
        return spec;
    }

    public Scope toScope() {
        Scope scope = Scope.uniform(monitors, new ModelSettings(INTERVAL_MS, TIMEOUT_MS, retries), commandsPerMonitor, storeFaults, crashes)
                .withOutcomes(outcomes.toArray(Outcome[]::new))
                .withBulkCommands(bulkCommands)
                .withClockJumps(clockJumps);
        return scope;
    }

    public String describe() {
        return monitors + " monitor(s), " + commandsPerMonitor + " command(s) each, retries " + retries + ", store faults " + storeFaults
                + ", crashes " + crashes + (clockJumps == 0 ? "" : ", clock jumps " + clockJumps) + ", outcomes " + outcomes
                + (bulkCommands ? ", with startAll/stopAll" : "");
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " = " + value + " must be within " + min + " … " + max);
        }
    }
}
