package dev.vigil.simulation.cli;

import java.io.PrintStream;

/** {@code vigil run --bench}: placeholder until the day scenario lands. */
final class Bench {
    private final PrintStream out;

    Bench(PrintStream out) {
        this.out = out;
    }

    int run() {
        out.println("bench: not built yet");
        return VigilCommand.EXIT_USAGE;
    }
}
