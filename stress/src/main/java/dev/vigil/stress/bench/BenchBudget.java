package dev.vigil.stress.bench;

/**
 * How long JMH measures: warmup and measurement iterations, their length in seconds, forks.
 * {@link #QUICK} is for a shared two-core machine and a first look; {@link #FULL} for figures
 * to quote.
 */
public record BenchBudget(String name, int warmupIterations, int warmupSeconds, int iterations, int iterationSeconds, int forks) {
    public static final BenchBudget QUICK = new BenchBudget("quick", 1, 1, 3, 1, 1);
    public static final BenchBudget FULL = new BenchBudget("full", 3, 2, 5, 2, 2);

    public BenchBudget {
        if (warmupIterations < 0 || warmupSeconds < 1 || iterations < 1 || iterationSeconds < 1 || forks < 1) {
            throw new IllegalArgumentException("budget " + name + ": warmup iterations >= 0, seconds >= 1, iterations >= 1, forks >= 1;"
                    + " got -wi " + warmupIterations + " -w " + warmupSeconds + " -i " + iterations + " -r " + iterationSeconds + " -f " + forks);
        }
    }

    public static BenchBudget named(String name) {
        return switch (name) {
            case "quick" -> QUICK;
            case "full" -> FULL;
            default -> throw new IllegalArgumentException("budget '" + name + "': expected quick or full");
        };
    }

    /** The same budget as JMH command-line options, for the report. */
    public String asJmhOptions() {
        return "-wi " + warmupIterations + " -w " + warmupSeconds + "s -i " + iterations + " -r " + iterationSeconds + "s -f " + forks;
    }
}
