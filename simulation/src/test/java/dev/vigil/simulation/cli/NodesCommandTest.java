package dev.vigil.simulation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code vigil nodes}: its exit codes, and a clear line instead of a stack trace on bad input. */
class NodesCommandTest {
    @Test
    void theRealEnginePassesAndABuggyNodeVariantExitsOneNamingSeedAndInvariant() {
        assertThat(VigilCommand.execute("nodes", "--seeds", "3")).isEqualTo(VigilCommand.EXIT_PASSED);

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = VigilCommand.execute("nodes", "--seeds", "50", "--variant", "node-timers-unguarded");
        } finally {
            System.setOut(original);
        }
        assertThat(exit).isEqualTo(VigilCommand.EXIT_VIOLATION);
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("VIOLATION at seed 1: NI1");
    }

    @Test
    void exploreRunsEveryScheduleOfASmallScopeAndPasses() {
        assertThat(VigilCommand.execute("nodes", "--explore", "--faults", "0", "--commands", "0")).isEqualTo(VigilCommand.EXIT_PASSED);
    }

    @Test
    void badInputIsRefusedWithExitTwo() {
        assertThat(VigilCommand.execute("nodes", "--explore", "--nodes", "3")).isEqualTo(VigilCommand.EXIT_USAGE);
        assertThat(VigilCommand.execute("nodes", "--explore", "--monitors", "3")).isEqualTo(VigilCommand.EXIT_USAGE);
        assertThat(VigilCommand.execute("nodes", "--nodes", "4")).isEqualTo(VigilCommand.EXIT_USAGE);
        assertThat(VigilCommand.execute("nodes", "--variant", "no-such")).isEqualTo(VigilCommand.EXIT_USAGE);
        assertThat(VigilCommand.execute("nodes", "--seeds", "0")).isEqualTo(VigilCommand.EXIT_USAGE);
        assertThat(VigilCommand.execute("nodes", "--store", "postgres")).isEqualTo(VigilCommand.EXIT_USAGE);
    }
}
