#!/usr/bin/env bash
# One command for every Vigil benchmark, side by side in one run, then one summary table:
#   1. JMH: operation registry vs a one-lock baseline (1 and 2 threads), SQLite store (1, 2, 4 writers)
#   2. the loopback load test: steady (10 000 monitors at 10 s), hang (a tenth never answer), stop/start storm
#   3. the simulator: `vigil run --bench` (events/s, simulated s per wall s) and `vigil explore` (schedules/s)
# Usage: stress/bench.sh [--full]
#        stress/bench.sh --compare REV [--runs R] [--full]: the simulator's figures only, for REV (built in a
#         temporary worktree) and the working tree side by side, medians of R ≥ 3 runs, ratios (stress/compare.sh)
#   quick (default, about 3 min): JMH -wi 1 -w 1s -i 3 -r 1s -f 1; load test 30 s (steady) and 20 s (hang, storm);
#         simulator: the first simulated hour of the benchmark day; explore two-monitors up to 4 000 schedules
#   --full (about 17 min): JMH -wi 3 -w 2s -i 5 -r 2s -f 2; load test 60 s each; the whole simulated day (about
#         7 min alone); explore two-monitors completely
# Builds what is missing or stale first. VIGIL_BUILD_SUFFIX selects the build directory (target$SUFFIX),
# as -Dvigil.buildSuffix does for Maven. Output: target$SUFFIX/bench-results/<time>/ under stress/.
# Figures only: nothing here asserts a timing. Exit code non-zero if a run failed or an audit did.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
suffix="${VIGIL_BUILD_SUFFIX:-}"
budget=quick
case "${1:-}" in
  "") ;;
  --compare) shift; exec "$(dirname "$0")/compare.sh" "$@" ;;
  --full) budget=full ;;
  -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "bench.sh: unknown argument '$1' (expected --full, --compare REV or nothing)" >&2; exit 2 ;;
esac

vigil_script=bench.sh
# shellcheck source=../.ci/jdk.sh
source "$root/.ci/jdk.sh"
java="$JAVA_HOME/bin/java"

benchmarks_jar="$root/stress/target$suffix/benchmarks.jar"
vigil_jar="$root/simulation/target$suffix/vigil.jar"
stale() {
  local jar="$1"
  [ ! -f "$jar" ] && return 0
  [ -n "$(find "$root/pom.xml" "$root"/*/pom.xml "$root"/*/src/main -newer "$jar" -print -quit 2>/dev/null)" ]
}
if stale "$benchmarks_jar" || stale "$vigil_jar"; then
  echo "bench.sh: building (./mvnw package -pl stress,simulation -am -DskipTests -Dvigil.buildSuffix=$suffix)…" >&2
  (cd "$root" && ./mvnw -B -q "-Dvigil.buildSuffix=$suffix" -pl stress,simulation -am package -DskipTests) >&2
fi

out="$root/stress/target$suffix/bench-results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
failed=0
jvm=(--enable-native-access=ALL-UNNAMED)
if [ "$budget" = full ]; then
  steady_s=60; other_s=60; bench_hours=24; explore_limit=()
else
  steady_s=30; other_s=20; bench_hours=1; explore_limit=(--schedules-max 4000)
fi

# The machine may be shared: each step says how busy it was when it began (1-minute load average).
loadavg() { cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "?"; }
step() { echo; echo "=== $1 ($(date -u +%H:%M:%S) UTC, load average $(loadavg) on $(nproc) cores)"; }

step "1/3 JMH: registry and store ($budget)"
if "$java" "${jvm[@]}" -cp "$benchmarks_jar" dev.vigil.stress.bench.BenchSuite "$budget" > "$out/jmh.txt" 2>&1; then
  sed -n -e '/^registry (ops/,/^SUMMARY/p' -e '/^store: SQLite/,/^SUMMARY/p' "$out/jmh.txt" | grep -v '^SUMMARY'
else
  tail -20 "$out/jmh.txt"
  echo "bench.sh: JMH failed (see $out/jmh.txt)" >&2
  failed=1
fi

step "2/3 load test on loopback"
load() {
  local name="$1"; shift
  if "$java" "${jvm[@]}" -cp "$benchmarks_jar" dev.vigil.stress.load.LoadTest "$@" > "$out/load-$name.txt" 2>&1; then
    sed -n '/^load test/,/^  audit/p' "$out/load-$name.txt"
  else
    sed -n '/^load test/,/^  violation/p' "$out/load-$name.txt"
    echo "bench.sh: load test '$name' failed (see $out/load-$name.txt)" >&2
    failed=1
  fi
}
load steady --scenario steady --duration-s "$steady_s"
load hang --scenario hang --duration-s "$other_s"
load storm --scenario storm --duration-s "$other_s"

step "3/3 simulator (single-threaded, lockstep on)"
sim=("$java" -XX:+UseSerialGC -Xss4m "${jvm[@]}" -jar "$vigil_jar")
"${sim[@]}" run --bench --bench-hours "$bench_hours" > "$out/sim-bench.txt" 2>&1 || { echo "bench.sh: vigil run --bench failed" >&2; failed=1; }
cat "$out/sim-bench.txt"
# A quick run stops at its schedule budget: explore then says INCOMPLETE (exit 1), which is not a failure here.
"${sim[@]}" explore --scope two-monitors "${explore_limit[@]}" --report-dir "$out/explore-reports" > "$out/sim-explore.txt" 2>&1 || true
if grep -q '^VIOLATION' "$out/sim-explore.txt" || ! grep -q '^schedules per second' "$out/sim-explore.txt"; then
  echo "bench.sh: vigil explore failed (see $out/sim-explore.txt)" >&2
  failed=1
fi
grep -E '^(schedules|distinct|time)' "$out/sim-explore.txt" || true
number() { sed -n "s/^$1 *\([0-9,.]*\).*/\1/p" "$2" | tr -d ,; }
{
  echo "SUMMARY|simulator events/s (run --bench, ${bench_hours} h)|$(number 'events per second' "$out/sim-bench.txt")|events/s|target >= 500000 per core"
  echo "SUMMARY|simulator simulated s per wall s|$(number 'simulated s per s' "$out/sim-bench.txt")|s/s|"
  echo "SUMMARY|simulator explore two-monitors schedules/s|$(number 'schedules per second' "$out/sim-explore.txt")|schedules/s|"
} > "$out/sim-summary.txt"

step "summary ($budget budget; $(nproc) cores; $("$java" -version 2>&1 | head -1); results in $out)"
cat "$out"/jmh.txt "$out"/load-steady.txt "$out"/load-hang.txt "$out"/load-storm.txt "$out"/sim-summary.txt 2>/dev/null \
  | grep '^SUMMARY|' | cut -d'|' -f2- \
  | { echo "figure|value|unit|target"; cat; } | column -t -s'|' | tee "$out/summary.txt"
exit "$failed"
