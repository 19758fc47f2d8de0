/**
 * JMH benchmarks of the engine's hot parts, each side by side with what it is judged against:
 * the operation registry against a one-lock baseline, the SQLite store at one and several
 * writers. {@link dev.vigil.stress.bench.BenchSuite} runs them and prints medians and ratios.
 */
package dev.vigil.stress.bench;
