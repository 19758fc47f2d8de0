package dev.vigil.stress.load;

import java.io.PrintStream;
import java.util.List;

/**
 * The figures of one load-test run and its audit verdict. Printing is here; measuring is in
 * {@link LoadRun}. Figures are never asserted: only the audit decides the exit code.
 *
 * @param scheduledChecks  checks the monitors were due in the window (start at once, then every interval)
 * @param checksBegun      checks whose first attempt started in the window
 * @param checksCompleted  results applied (history rows) of checks begun in the window, landed in it or up to a timeout after
 * @param tickLag          how late every tick's check started (its first attempt) after the tick was due
 * @param warmTickLag      the same from the second round of ticks on (every path run once, JIT warm)
 * @param cpuCoresUsed     process CPU time over wall time in the window (1.0 = one core busy)
 * @param heapUsedMbMax    the most heap in use at any progress line (garbage included)
 * @param heapLiveMbAfterRun heap in use after the run and a requested full GC, engine still open: what it keeps
 * @param violations       the first audit violations; empty when the audit passed
 */
public record LoadReport(
        LoadOptions options,
        double windowSeconds,
        long scheduledChecks,
        long checksBegun,
        long checksCompleted,
        long checksDiscarded,
        long skippedTicks,
        LagRecorder.Summary tickLag,
        LagRecorder.Summary warmTickLag,
        double cpuCoresUsed,
        int cores,
        long heapUsedMbMax,
        long heapLiveMbAfterRun,
        long storeFailures,
        long databaseLocked,
        long historyRows,
        long serverAnswered,
        long serverHung,
        long stormCommands,
        double setupSeconds,
        double stopAllSeconds,
        long violationCount,
        List<String> violations) {

    public boolean auditPassed() {
        return violationCount == 0;
    }

    /** Completed checks as a share of scheduled ones; NaN for the storm, whose stops unschedule checks. */
    public double completedPercent() {
        if (options.scenario() == LoadOptions.Scenario.STORM || scheduledChecks == 0) {
            return Double.NaN;
        }
        return 100.0 * checksCompleted / scheduledChecks;
    }

    void print(PrintStream out) {
        String name = options.scenario().name().toLowerCase(java.util.Locale.ROOT);
        out.println();
        out.printf("load test '%s': %,d HTTP monitors at %,d ms against loopback, timeout %,d ms, %.1f s measured%n",
                name, options.monitors(), options.intervalMs(), options.timeoutMs(), windowSeconds);
        row(out, "scheduled checks/s", "%,.1f", scheduledChecks / windowSeconds);
        row(out, "achieved checks/s (applied)", "%,.1f", checksCompleted / windowSeconds);
        row(out, "checks scheduled / begun / applied", "%s", String.format("%,d / %,d / %,d", scheduledChecks, checksBegun, checksCompleted));
        row(out, "applied / scheduled", "%s", Double.isNaN(completedPercent()) ? "n/a (storm)" : String.format("%.2f %%", completedPercent()));
        row(out, "discarded results", "%,d", checksDiscarded);
        row(out, "skipped ticks (check still running)", "%,d", skippedTicks);
        row(out, "tick lag p50 / p99 / max", "%s", String.format("%.1f / %.1f / %.1f ms (%,d ticks)",
                tickLag.p50Ms(), tickLag.p99Ms(), tickLag.maxMs(), tickLag.count()));
        row(out, "tick lag from round 2 p50 / p99 / max", "%s", String.format("%.1f / %.1f / %.1f ms (%,d ticks)",
                warmTickLag.p50Ms(), warmTickLag.p99Ms(), warmTickLag.maxMs(), warmTickLag.count()));
        row(out, "CPU (process)", "%s", String.format("%.2f cores of %d (%.0f %%)", cpuCoresUsed, cores, 100 * cpuCoresUsed / cores));
        row(out, "heap used, max sampled / live after run", "%s", String.format("%,d MB / %,d MB", heapUsedMbMax, heapLiveMbAfterRun));
        row(out, "store failures / database is locked", "%s", storeFailures + " / " + databaseLocked);
        row(out, "history rows audited", "%,d", historyRows);
        row(out, "server answered / hung", "%s", String.format("%,d / %,d", serverAnswered, serverHung));
        if (options.scenario() == LoadOptions.Scenario.STORM) {
            row(out, "storm stop/start commands", "%,d", stormCommands);
        }
        row(out, "setup (add) / stopAll", "%s", String.format("%.1f s / %.1f s", setupSeconds, stopAllSeconds));
        row(out, "audit (SPEC I2, stopped stays paused)", "%s", auditPassed() ? "PASSED" : "FAILED: " + violationCount + " violation(s)");
        for (String violation : violations) {
            out.println("  violation: " + violation);
        }
        String prefix = "SUMMARY|load " + name + " ";
        out.printf("%sscheduled checks/s|%.1f|checks/s|%n", prefix, scheduledChecks / windowSeconds);
        out.printf("%sachieved checks/s|%.1f|checks/s|%n", prefix, checksCompleted / windowSeconds);
        if (!Double.isNaN(completedPercent())) {
            out.printf("%sapplied of scheduled|%.2f|%%|target >= 99 %%%n", prefix, completedPercent());
        }
        // In the storm, restarts keep rescheduling ticks, so few fire: their lag says little.
        if (options.scenario() != LoadOptions.Scenario.STORM) {
            out.printf("%stick lag p50|%.1f|ms|%n", prefix, tickLag.p50Ms());
            out.printf("%stick lag p99|%.1f|ms|target <= 100 ms%n", prefix, tickLag.p99Ms());
            out.printf("%stick lag max|%.1f|ms|%n", prefix, tickLag.maxMs());
        }
        if (warmTickLag.count() > 0 && options.scenario() != LoadOptions.Scenario.STORM) {
            out.printf("%stick lag from round 2 p99|%.1f|ms|target <= 100 ms%n", prefix, warmTickLag.p99Ms());
            out.printf("%stick lag from round 2 max|%.1f|ms|%n", prefix, warmTickLag.maxMs());
        }
        out.printf("%sCPU|%.2f|cores|of %d%n", prefix, cpuCoresUsed, cores);
        out.printf("%sheap used max|%d|MB|%n", prefix, heapUsedMbMax);
        out.printf("%sheap live after the run|%d|MB|after a full GC%n", prefix, heapLiveMbAfterRun);
        out.printf("%sdatabase is locked|%d|errors|must be 0%n", prefix, databaseLocked);
        out.printf("%saudit violations|%d||must be 0%n", prefix, violationCount);
    }

    private static void row(PrintStream out, String label, String format, Object value) {
        out.printf("  %-38s " + format + "%n", label, value);
    }
}
