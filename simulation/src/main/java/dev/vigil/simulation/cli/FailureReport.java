package dev.vigil.simulation.cli;

import dev.vigil.simulation.lockstep.RunOutcome;
import dev.vigil.simulation.lockstep.TimelineEntry;
import dev.vigil.simulation.lockstep.Violation;
import dev.vigil.simulation.runner.RunShrinker;
import dev.vigil.simulation.scenario.ScenarioParameters;
import dev.vigil.simulation.store.StoreKind;
import dev.vigil.simulation.trace.Trace;
import dev.vigil.simulation.trace.TraceFiles;
import dev.vigil.simulation.variant.EngineVariant;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns a failing run into what a person needs: the seed, the event, the difference, the last
 * events as a timeline, the command that replays it; then shrinks it and writes both traces.
 */
final class FailureReport {
    static final int TIMELINE_TAIL = 20;

    /** Where the traces went. */
    record Written(Path original, Path shrunk, RunOutcome shrunkOutcome) {}

    private FailureReport() {
    }

    static void printViolation(PrintStream out, long seed, RunOutcome outcome) {
        Violation violation = outcome.violation().orElseThrow();
        out.println("VIOLATION (" + violation.kind() + ") at seed " + seed + ", event " + violation.eventIndex() + ": " + violation.event());
        for (String line : violation.details()) {
            out.println("  " + line);
        }
        out.println("scenario: " + outcome.scenario().describe());
        printTimeline(out, outcome.timeline(), TIMELINE_TAIL);
    }

    static void printTimeline(PrintStream out, List<TimelineEntry> timeline, int tail) {
        int from = Math.max(0, timeline.size() - tail);
        out.println("timeline" + (from > 0 ? " (last " + tail + " of " + timeline.size() + " events)" : "") + ":");
        for (TimelineEntry entry : timeline.subList(from, timeline.size())) {
            out.println("  " + entry.line());
        }
    }

    static String replayCommand(Path trace) {
        return "./vigil replay " + trace;
    }

    static Written shrinkAndWrite(PrintStream out, Path traceDirectory, String commit, EngineVariant variant, String variantClass,
            ScenarioParameters parameters, long seed, RunOutcome failing, boolean shrink, StoreKind store) {
        String base = variant.name() + "-seed-" + seed;
        Path original = traceDirectory.resolve(base + ".json");
        TraceFiles.write(Trace.of(commit, variant.name(), variantClass, seed, parameters, failing, null, store), original);
        out.println("trace written: " + original);
        out.println("replay: ./vigil replay --seed " + seed + " --variant " + variant.name() + " --store " + store.label() + " (or "
                + replayCommand(original) + ")");
        if (!shrink) {
            return new Written(original, null, null);
        }
        RunShrinker shrinker = new RunShrinker(parameters, variant, RunShrinker.RUNS_MAX_DEFAULT, store);
        RunOutcome shrunk = shrinker.shrink(failing);
        Path shrunkFile = traceDirectory.resolve(base + ".shrunk.json");
        TraceFiles.write(Trace.of(commit, variant.name(), variantClass, seed, parameters, shrunk, failing.choices().size(), store), shrunkFile);
        out.println();
        out.println("shrunk from " + failing.events() + " events (" + failing.choices().size() + " choices) to " + shrunk.events()
                + " events (" + shrunk.choices().size() + " choices): " + shrunk.violation().orElseThrow().headline());
        printTimeline(out, shrunk.timeline(), Integer.MAX_VALUE);
        out.println("shrunk trace written: " + shrunkFile);
        out.println("replay: " + replayCommand(shrunkFile));
        return new Written(original, shrunkFile, shrunk);
    }
}
