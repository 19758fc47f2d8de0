package dev.vigil.stress.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks of this package in one process, side by side: {@link RegistryBench} at
 * 1 and 2 threads, {@link StoreBench} at 1, 2 and 4, then prints one table of medians (over
 * every measured iteration of every fork) and the concurrent/synchronized registry ratio. Also
 * prints {@code SUMMARY|name|value|unit|note} lines, which {@code stress/bench.sh} collects.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.vigil.stress.bench.BenchSuite [quick|full] [registry|store|all]}
 */
public final class BenchSuite {
    static final List<Integer> REGISTRY_THREADS = List.of(1, 2);
    static final List<Integer> STORE_THREADS = List.of(1, 2, 4);

    private final BenchBudget budget;
    private final PrintStream out;

    BenchSuite(BenchBudget budget, PrintStream out) {
        this.budget = budget;
        this.out = out;
    }

    public static void main(String[] args) throws RunnerException {
        BenchBudget budget;
        String only;
        try {
            budget = BenchBudget.named(args.length > 0 ? args[0] : "quick");
            only = args.length > 1 ? args[1] : "all";
            if (!List.of("registry", "store", "all").contains(only) || args.length > 2) {
                throw new IllegalArgumentException("usage: BenchSuite [quick|full] [registry|store|all]");
            }
        } catch (IllegalArgumentException bad) {
            System.err.println("bench: " + bad.getMessage());
            System.exit(2);
            return;
        }
        BenchSuite suite = new BenchSuite(budget, System.out);
        if (!only.equals("store")) {
            suite.registry();
        }
        if (!only.equals("registry")) {
            suite.store();
        }
    }

    void registry() throws RunnerException {
        // median ops/s by "benchmark registry threads"
        Map<String, Double> medians = new LinkedHashMap<>();
        for (int threads : REGISTRY_THREADS) {
            for (RunResult result : run(RegistryBench.class, threads)) {
                String key = shortName(result) + " " + result.getParams().getParam("registry") + " " + threads;
                medians.put(key, median(result, null));
            }
        }
        List<String> summaries = new ArrayList<>();
        out.println();
        out.println("registry (ops/s, median of iterations; 10 000 background monitors; budget " + budget.asJmhOptions() + ")");
        out.printf("%-24s %8s %16s %16s %8s%n", "benchmark", "threads", "concurrent", "synchronized", "ratio");
        for (String benchmark : List.of("initiateComplete", "initiateCancelComplete")) {
            for (int threads : REGISTRY_THREADS) {
                double concurrent = medians.getOrDefault(benchmark + " concurrent " + threads, Double.NaN);
                double locked = medians.getOrDefault(benchmark + " synchronized " + threads, Double.NaN);
                double ratio = concurrent / locked;
                out.printf("%-24s %8d %,16.0f %,16.0f %7.2fx%n", benchmark, threads, concurrent, locked, ratio);
                summaries.add(summary("registry " + benchmark + " " + threads + "t concurrent", concurrent, "ops/s", ""));
                summaries.add(summary("registry " + benchmark + " " + threads + "t synchronized", locked, "ops/s", ""));
                summaries.add(summary("registry " + benchmark + " " + threads + "t ratio", ratio, "x",
                        threads == 2 ? "target >= 3x the synchronized baseline" : ""));
            }
        }
        summaries.forEach(out::println);
    }

    void store() throws RunnerException {
        List<String> rows = new ArrayList<>();
        List<String> summaries = new ArrayList<>();
        for (int threads : STORE_THREADS) {
            for (RunResult result : run(StoreBench.class, threads)) {
                double checks = median(result, null);
                double locked = total(result, "lockedErrors");
                rows.add(String.format("%-8d %,18.0f %16.0f", threads, checks, locked));
                summaries.add(summary("store checks committed " + threads + "t", checks, "checks/s", ""));
                summaries.add(summary("store database-is-locked " + threads + "t", locked, "errors", "must be 0"));
            }
        }
        out.println();
        out.println("store: SQLite file (WAL) through MonitorRepository, one check = begin + apply transactions (median; budget "
                + budget.asJmhOptions() + ")");
        out.printf("%-8s %18s %16s%n", "threads", "checks/s", "locked errors");
        rows.forEach(out::println);
        summaries.forEach(out::println);
    }

    private Collection<RunResult> run(Class<?> benchmark, int threads) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(benchmark.getName() + "\\.")
                .threads(threads)
                .warmupIterations(budget.warmupIterations())
                .warmupTime(TimeValue.seconds(budget.warmupSeconds()))
                .measurementIterations(budget.iterations())
                .measurementTime(TimeValue.seconds(budget.iterationSeconds()))
                .forks(budget.forks())
                .shouldFailOnError(true)
                .build();
        return new Runner(options).run();
    }

    private static String shortName(RunResult result) {
        String full = result.getParams().getBenchmark();
        return full.substring(full.lastIndexOf('.') + 1);
    }

    /** The median over every measured iteration of every fork: of the primary score, or of secondary {@code label}. */
    static double median(RunResult result, String label) {
        List<Double> scores = new ArrayList<>();
        for (BenchmarkResult fork : result.getBenchmarkResults()) {
            for (IterationResult iteration : fork.getIterationResults()) {
                Result<?> score = label == null ? iteration.getPrimaryResult() : iteration.getSecondaryResults().get(label);
                if (score != null) {
                    scores.add(score.getScore());
                }
            }
        }
        if (scores.isEmpty()) {
            return Double.NaN;
        }
        scores.sort(Double::compare);
        int middle = scores.size() / 2;
        return scores.size() % 2 == 1 ? scores.get(middle) : (scores.get(middle - 1) + scores.get(middle)) / 2;
    }

    /** The sum of secondary {@code label} over every measured iteration of every fork (0 if never seen). */
    static double total(RunResult result, String label) {
        double sum = 0;
        for (BenchmarkResult fork : result.getBenchmarkResults()) {
            for (IterationResult iteration : fork.getIterationResults()) {
                Result<?> score = iteration.getSecondaryResults().get(label);
                if (score != null) {
                    sum += score.getScore();
                }
            }
        }
        return sum;
    }

    private static String summary(String name, double value, String unit, String note) {
        return String.format("SUMMARY|%s|%.2f|%s|%s", name, value, unit, note);
    }
}
