package dev.vigil.simulation.cli;

import dev.vigil.simulation.choice.RecordedChoices;
import dev.vigil.simulation.lockstep.RunOutcome;
import dev.vigil.simulation.lockstep.Simulation;
import dev.vigil.simulation.scenario.ScenarioParameters;
import dev.vigil.simulation.store.StoreKind;
import dev.vigil.simulation.trace.Trace;
import dev.vigil.simulation.trace.TraceFiles;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil replay}: re-runs a trace or a seed exactly and prints its timeline. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay a trace file (checking its trace hash) or a seed, and print the timeline.")
final class ReplayCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "TRACE", description = "A trace written by run or shrink.")
    Path traceFile;

    @Option(names = "--seed", paramLabel = "S", description = "Replay this seed instead of a trace (with the scenario options).")
    Long seed;

    @Mixin
    ScenarioOptions scenario;

    @Mixin
    StoreOption store = new StoreOption();

    @Override
    public Integer call() {
        PrintStream out = System.out;
        if ((traceFile == null) == (seed == null)) {
            throw new IllegalArgumentException("replay needs exactly one of: a trace file, or --seed S");
        }
        RunOutcome outcome;
        String expectedHash = null;
        if (traceFile != null) {
            Trace trace = TraceFiles.read(traceFile);
            TraceReplayer replayer = new TraceReplayer(trace);
            outcome = replayer.replay();
            expectedHash = trace.traceHash();
            out.println("replaying " + traceFile + " (variant " + replayer.variant().name() + ", "
                    + (trace.isSchedule() ? "explored scope: " + trace.scope().describe() : "seed " + trace.seed()) + ", commit "
                    + trace.commit() + ", store " + trace.storeKind().label() + ")");
        } else {
            ScenarioParameters parameters = scenario.parameters();
            StoreKind seedStore = store.forVariant(scenario.variant());
            outcome = Simulation.run(parameters, scenario.variant(), RecordedChoices.fromSeed(seed), seedStore);
            out.println("replaying seed " + seed + " (variant " + scenario.variant().name() + ", store " + seedStore.label() + ")");
        }
        if (outcome.scenario() != null) {
            out.println("scenario: " + outcome.scenario().describe());
        }
        FailureReport.printTimeline(out, outcome.timeline(), Integer.MAX_VALUE);
        out.println("trace hash " + outcome.traceHash());
        if (expectedHash != null && !expectedHash.equals(outcome.traceHash())) {
            out.println("NON-DETERMINISM DETECTED: the trace recorded hash " + expectedHash
                    + "; a different commit, or a source of nondeterminism in the engine or harness");
            return VigilCommand.EXIT_VIOLATION;
        }
        if (expectedHash != null) {
            out.println("the replay matches the recorded trace hash");
        }
        if (outcome.violation().isPresent()) {
            out.println("VIOLATION " + outcome.violation().get().headline());
            outcome.violation().get().details().forEach(line -> out.println("  " + line));
            return VigilCommand.EXIT_VIOLATION;
        }
        out.println("PASSED: no violation");
        return VigilCommand.EXIT_PASSED;
    }
}
