package dev.vigil.simulation.cli;

import dev.vigil.simulation.lockstep.RunOutcome;
import dev.vigil.simulation.runner.RunShrinker;
import dev.vigil.simulation.trace.Trace;
import dev.vigil.simulation.trace.TraceFiles;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil shrink}: shrinks a failing trace and writes the result next to it. */
@Command(name = "shrink", mixinStandardHelpOptions = true, description = "Shrink a failing trace; writes NAME.shrunk.json next to it.")
final class ShrinkCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TRACE", description = "A failing trace written by run.")
    Path traceFile;

    @Option(names = "--runs-max", paramLabel = "N", description = "Candidate runs to try at most (default ${DEFAULT-VALUE}).")
    int runsMax = RunShrinker.RUNS_MAX_DEFAULT;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        if (runsMax < 1) {
            throw new IllegalArgumentException("--runs-max " + runsMax + " must be at least 1");
        }
        Trace trace = TraceFiles.read(traceFile);
        TraceReplayer replayer = new TraceReplayer(trace);
        RunOutcome original = replayer.replay();
        if (original.violation().isEmpty()) {
            throw new IllegalArgumentException("trace " + traceFile + " does not fail: nothing to shrink");
        }
        RunOutcome shrunk = replayer.shrink(original, runsMax);
        String name = traceFile.getFileName().toString().replaceFirst("(\\.shrunk)?\\.json$", "");
        Path target = traceFile.toAbsolutePath().resolveSibling(name + ".shrunk.json");
        TraceFiles.write(replayer.traceOf(shrunk, original.choices().size()), target);
        out.println("shrunk from " + original.events() + " events to " + shrunk.events() + ": " + shrunk.violation().orElseThrow().headline());
        FailureReport.printTimeline(out, shrunk.timeline(), Integer.MAX_VALUE);
        out.println("shrunk trace written: " + target);
        out.println("replay: " + FailureReport.replayCommand(target));
        return VigilCommand.EXIT_VIOLATION;
    }
}
