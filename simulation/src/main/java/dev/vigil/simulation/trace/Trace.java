package dev.vigil.simulation.trace;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.simulation.explore.ScopeSpec;
import dev.vigil.simulation.lockstep.RunOutcome;
import dev.vigil.simulation.lockstep.TimelineEntry;
import dev.vigil.simulation.scenario.Scenario;
import dev.vigil.simulation.scenario.ScenarioParameters;
import dev.vigil.simulation.store.StoreKind;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A complete, replayable record of one run: the configuration, the seed it came from, and every
 * choice the scheduler made. Replaying the choices on the same commit gives the same
 * {@link #traceHash}; the timeline and violation are there for people and are not needed to replay.
 *
 * @param format       always {@value #FORMAT}
 * @param version      the trace format version, {@value #VERSION}
 * @param commit       the commit that wrote it, or {@code unknown}
 * @param variant      the variant's name ({@code real} for the engine as shipped)
 * @param variantClass the variant's class when it was loaded with {@code --variant-class}, else null
 * @param seed         the seed the choices were first drawn from
 * @param parameters   the scenario parameters fixed on the command line
 * @param choices      every choice, in order
 * @param traceHash    the run's determinism fingerprint
 * @param events       how many events it ran
 * @param violation    the violation's headline, or null if it passed
 * @param details      the violation's details
 * @param shrunkFrom   for a shrunk trace, how many choices the original had; else null
 * @param timeline     the events, one line each
 * @param scope        for a schedule found by {@code explore}: its scope; null for a random run,
 *                     whose choices are scheduler choices rather than indices of enabled events
 * @param store        the store the run used ({@code memory} or {@code sqlite}); null in a trace
 *                     written before stores could be chosen, which ran on SQLite
 */
public record Trace(
        String format,
        int version,
        String commit,
        String variant,
        String variantClass,
        long seed,
        Parameters parameters,
        List<Integer> choices,
        String traceHash,
        int events,
        String violation,
        List<String> details,
        Integer shrunkFrom,
        List<String> timeline,
        ScopeSpec scope,
        String store) {

    public static final String FORMAT = "vigil-trace";
    public static final int VERSION = 1;

    /**
     * {@link ScenarioParameters} as JSON: a null field is drawn, not fixed. {@code engineLimits},
     * {@code idCollisions}, {@code prunes} and {@code idsRunOut} are true when those dimensions were drawn; absent
     * (older traces) is off.
     */
    public record Parameters(Integer monitors, int eventsMax, Integer storeFailPercent, Integer crashPercent,
            Scenario.ProbeMix probes, Scenario.CommandMix commands, Integer clockJumpPercent,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean engineLimits,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean idCollisions,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean prunes,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean idsRunOut) {

        public static Parameters of(ScenarioParameters parameters) {
            return new Parameters(parameters.monitorsFixed().orElse(null), parameters.eventsMax(),
                    parameters.storeFailPercentFixed().orElse(null), parameters.crashPercentFixed().orElse(null),
                    parameters.probesFixed().orElse(null), parameters.commandsFixed().orElse(null),
                    parameters.clockJumpPercentFixed().orElse(null), parameters.engineLimitsDrawn() ? Boolean.TRUE : null,
                    parameters.idCollisionsDrawn() ? Boolean.TRUE : null, parameters.prunesDrawn() ? Boolean.TRUE : null,
                    parameters.idsRunOutDrawn() ? Boolean.TRUE : null);
        }

        public ScenarioParameters toScenarioParameters() {
            return new ScenarioParameters(Optional.ofNullable(monitors), eventsMax, Optional.ofNullable(storeFailPercent),
                    Optional.ofNullable(crashPercent), Optional.ofNullable(clockJumpPercent), Optional.ofNullable(probes),
                    Optional.ofNullable(commands))
                    .withEngineLimitsDrawn(Boolean.TRUE.equals(engineLimits))
                    .withIdCollisionsDrawn(Boolean.TRUE.equals(idCollisions))
                    .withPrunesDrawn(Boolean.TRUE.equals(prunes))
                    .withIdsRunOutDrawn(Boolean.TRUE.equals(idsRunOut));
        }
    }

    public Trace {
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("not a Vigil trace: format is '" + format + "', expected '" + FORMAT + "'");
        }
        if (version != VERSION) {
            throw new IllegalArgumentException("trace format version " + version + " is not supported (this build reads " + VERSION + ")");
        }
        Objects.requireNonNull(variant, "variant");
        if (parameters == null && scope == null) {
            throw new IllegalArgumentException("a trace needs either scenario parameters (a random run) or a scope (an exploration)");
        }
        choices = List.copyOf(Objects.requireNonNull(choices, "choices"));
        details = details == null ? List.of() : List.copyOf(details);
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
        if (store != null) {
            StoreKind.of(store);
        }
    }

    /** The store to replay on: the recorded one, SQLite for a trace that records none. */
    public StoreKind storeKind() {
        return store == null ? StoreKind.SQLITE : StoreKind.of(store);
    }

    /** The trace of {@code outcome}. */
    public static Trace of(String commit, String variant, String variantClass, long seed, ScenarioParameters parameters,
            RunOutcome outcome, Integer shrunkFrom, StoreKind store) {
        return new Trace(FORMAT, VERSION, commit, variant, variantClass, seed, Parameters.of(parameters), outcome.choices(),
                outcome.traceHash(), outcome.events(), outcome.violation().map(v -> v.headline()).orElse(null),
                outcome.violation().map(v -> v.details()).orElse(List.of()), shrunkFrom,
                outcome.timeline().stream().map(TimelineEntry::line).toList(), null, store.label());
    }

    /** The trace of a schedule that {@code explore} found in {@code scope}. */
    public static Trace ofSchedule(String commit, String variant, String variantClass, ScopeSpec scope, RunOutcome outcome, Integer shrunkFrom,
            StoreKind store) {
        return new Trace(FORMAT, VERSION, commit, variant, variantClass, 0, null, outcome.choices(), outcome.traceHash(), outcome.events(),
                outcome.violation().map(v -> v.headline()).orElse(null), outcome.violation().map(v -> v.details()).orElse(List.of()),
                shrunkFrom, outcome.timeline().stream().map(TimelineEntry::line).toList(), scope, store.label());
    }

    /** Whether this trace is a schedule of an exploration rather than a random run. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isSchedule() {
        return scope != null;
    }
}
