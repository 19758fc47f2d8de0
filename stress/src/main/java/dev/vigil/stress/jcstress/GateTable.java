package dev.vigil.stress.jcstress;

import java.io.PrintStream;

/** Prints a {@link GateGrading.GateVerdict} as a fixed-width table: printing only, no decisions. */
final class GateTable {
    private GateTable() {
    }

    static void print(GateGrading.GateVerdict verdict, String mode, long wallMs, PrintStream out) {
        out.printf("%njcstress gate, mode %s, %d s%n", mode, Math.round(wallMs / 1000.0));
        out.printf("%-40s %-7s %5s %9s %9s %11s  %-15s %s%n", "test", "role", "forks", "samples", "forbidden", "interesting",
                "verdict", "reason");
        for (TestSummary test : verdict.tests()) {
            out.printf("%-40s %-7s %5d %9d %9d %11d  %-15s %s%n", test.simpleName(), test.role().name().toLowerCase(java.util.Locale.ROOT),
                    test.forks(), test.samples(), test.samplesForbidden(), test.samplesInteresting(), test.verdict(), test.reason());
        }
        if (verdict.passed()) {
            out.println("jcstress gate PASSED");
        } else {
            out.println("jcstress gate FAILED:");
            verdict.failures().forEach(failure -> out.println("  - " + failure));
        }
    }
}
