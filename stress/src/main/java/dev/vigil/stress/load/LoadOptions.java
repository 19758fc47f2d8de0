package dev.vigil.stress.load;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What one load-test run does, validated at once: every bad value is rejected with a message
 * naming the option, the value and the allowed range (never silently replaced by a default).
 *
 * @param scenario   what the monitors meet: see {@link Scenario}
 * @param monitors   how many HTTP monitors, all started
 * @param intervalMs each monitor's interval
 * @param durationMs how long checks are measured, from the first start
 * @param timeoutMs  each probe attempt's timeout (no retries)
 * @param slowMs     how long the server takes on a {@code /slow/} path (the storm's in-flight window)
 * @param storeDirectory where the SQLite file goes; empty: a temporary directory, deleted after
 */
public record LoadOptions(Scenario scenario, int monitors, long intervalMs, long durationMs, long timeoutMs, long slowMs,
                          Optional<Path> storeDirectory) {
    public static final int MONITORS_MAX = 200_000;
    public static final long INTERVAL_MS_MIN = 1_000;
    public static final long INTERVAL_MS_MAX = 600_000;
    public static final long DURATION_MS_MAX = 3_600_000;
    public static final long TIMEOUT_MS_MIN = 1_000;
    public static final long TIMEOUT_MS_MAX = 60_000;
    public static final long SLOW_MS_MAX = 10_000;

    /** What the loopback server answers. */
    public enum Scenario {
        /** Every monitor's target answers 200 at once: the engine's own cost at scale. */
        STEADY(10_000, 5_000),
        /** A tenth of the targets never answer: their probes must time out, the rest stay UP. */
        HANG(1_000, 2_000),
        /** Targets answer after {@code slowMs}; two threads stop and start random monitors all along. */
        STORM(1_000, 2_000);

        final int monitorsDefault;
        final long timeoutMsDefault;

        Scenario(int monitorsDefault, long timeoutMsDefault) {
            this.monitorsDefault = monitorsDefault;
            this.timeoutMsDefault = timeoutMsDefault;
        }
    }

    public static final String USAGE = """
            usage: LoadTest [--scenario steady|hang|storm] [--monitors N] [--interval-ms MS] [--duration-s S]
                            [--timeout-ms MS] [--slow-ms MS] [--store-dir DIR]
              --scenario     steady (default): every target answers at once
                             hang: a tenth of the targets never answer (probes time out)
                             storm: targets answer after --slow-ms; stop/start storm over all monitors
              --monitors     1 … 200000 (default 10000 for steady, 1000 for hang and storm)
              --interval-ms  1000 … 600000 (default 10000)
              --duration-s   1 … 3600 (default 60)
              --timeout-ms   1000 … 60000 (default 5000 steady, 2000 hang and storm, at most half the interval)
              --slow-ms      0 … 10000, the /slow/ answer delay (default 100)
              --store-dir    keep the SQLite file there (default: a temporary directory, deleted)
            exit code: 0 audit passed, 1 audit failed, 2 bad arguments""";

    public LoadOptions {
        requireRange("--monitors", monitors, 1, MONITORS_MAX);
        requireRange("--interval-ms", intervalMs, INTERVAL_MS_MIN, INTERVAL_MS_MAX);
        requireRange("--duration-s", durationMs / 1000, 1, DURATION_MS_MAX / 1000);
        requireRange("--timeout-ms", timeoutMs, TIMEOUT_MS_MIN, TIMEOUT_MS_MAX);
        requireRange("--slow-ms", slowMs, 0, SLOW_MS_MAX);
    }

    /** The defaults of {@code scenario}. */
    public static LoadOptions defaults(Scenario scenario) {
        return new LoadOptions(scenario, scenario.monitorsDefault, 10_000, 60_000, scenario.timeoutMsDefault, 100, Optional.empty());
    }

    /**
     * Parses command-line arguments.
     *
     * @throws IllegalArgumentException naming the bad option and what it accepts
     */
    public static LoadOptions parse(String[] args) {
        Scenario scenario = Scenario.STEADY;
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--scenario")) {
                scenario = scenario(args[i + 1]);
            }
        }
        LoadOptions defaults = defaults(scenario);
        int monitors = defaults.monitors();
        long intervalMs = defaults.intervalMs();
        long durationMs = defaults.durationMs();
        Long timeoutMs = null;
        long slowMs = defaults.slowMs();
        Optional<Path> storeDirectory = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option.startsWith("--") ? option + " needs a value" : "unexpected argument '" + option + "'");
            }
            String value = args[++i];
            switch (option) {
                case "--scenario" -> { } // read above: it sets the other defaults
                case "--monitors" -> monitors = (int) number(option, value);
                case "--interval-ms" -> intervalMs = number(option, value);
                case "--duration-s" -> durationMs = number(option, value) * 1000;
                case "--timeout-ms" -> timeoutMs = number(option, value);
                case "--slow-ms" -> slowMs = number(option, value);
                case "--store-dir" -> storeDirectory = Optional.of(Path.of(value));
                default -> throw new IllegalArgumentException("unknown option '" + option + "'");
            }
        }
        // Unless told otherwise, a probe times out before its next tick is due.
        long timeoutChosenMs = timeoutMs != null ? timeoutMs : Math.max(TIMEOUT_MS_MIN, Math.min(defaults.timeoutMs(), intervalMs / 2));
        return new LoadOptions(scenario, monitors, intervalMs, durationMs, timeoutChosenMs, slowMs, storeDirectory);
    }

    /** Checks of every monitor per second if the engine keeps up: monitors / interval. */
    public double scheduledChecksPerSecond() {
        return monitors * 1000.0 / intervalMs;
    }

    private static Scenario scenario(String value) {
        try {
            return Scenario.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--scenario = '" + value + "': expected steady, hang or storm");
        }
    }

    private static long number(String option, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " = '" + value + "' is not a whole number");
        }
    }

    private static void requireRange(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " = " + value + " must be within " + min + " … " + max);
        }
    }
}
