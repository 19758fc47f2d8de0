package dev.vigil.simulation.cli;

import dev.vigil.simulation.trace.TraceFiles;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code vigil}: the harness's command line. Exit codes: 0 passed, 1 a violation was found (or a
 * variant was not caught), 2 bad arguments or input.
 */
@Command(name = "vigil", mixinStandardHelpOptions = true, version = "vigil 0.1.0",
        description = "Deterministic simulation of the Vigil engine against its reference model.",
        subcommands = {RunCommand.class, ExploreCommand.class, ReplayCommand.class, ShrinkCommand.class, VerifyCommand.class,
            ReportCommand.class, NodesCommand.class})
public final class VigilCommand implements Runnable {
    public static final int EXIT_PASSED = 0;
    public static final int EXIT_VIOLATION = 1;
    public static final int EXIT_USAGE = 2;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "name a command: run, explore, replay, shrink, verify, report or nodes");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (tests call this). */
    public static int execute(String... args) {
        quietEngineLogs();
        CommandLine commandLine = new CommandLine(new VigilCommand());
        commandLine.setExecutionExceptionHandler((failure, line, parsed) -> {
            if (failure instanceof IllegalArgumentException || failure instanceof TraceFiles.TraceFormatException
                    || failure instanceof dev.vigil.reports.ReportFormatException
                    || failure instanceof java.io.UncheckedIOException) {
                line.getErr().println("vigil: " + failure.getMessage());
                return EXIT_USAGE;
            }
            throw failure;
        });
        return commandLine.execute(args);
    }

    /**
     * The engine logs every injected store failure as a warning; in a simulation they are
     * expected by the thousand. {@code VIGIL_LOG=FINE} (or any JUL level) brings them back.
     */
    private static void quietEngineLogs() {
        String level = System.getenv("VIGIL_LOG");
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        if (level != null && !level.isBlank()) {
            root.setLevel(Level.parse(level.strip().toUpperCase(java.util.Locale.ROOT)));
            java.util.logging.ConsoleHandler handler = new java.util.logging.ConsoleHandler();
            handler.setLevel(root.getLevel());
            root.addHandler(handler);
        } else {
            root.setLevel(Level.OFF);
        }
    }

}
