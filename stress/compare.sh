#!/usr/bin/env bash
# The simulator's figures for an earlier revision and for the working tree, side by side in one
# run: builds REV in a temporary git worktree, then runs the same commands for both, alternating
# (REV, working tree, REV, …) so that both see the same load, and prints medians and ratios.
# Usage: stress/compare.sh REV [--runs R] [--full]    (also: stress/bench.sh --compare REV …)
#   R runs of each command, at least 3 (default 3). Commands (one fresh JVM each):
#     bench    vigil run --bench --bench-hours H            events/s, simulated s per wall s
#     seeds    vigil run --seeds S --jobs 1 (and --jobs 2)   events/s; REV without --jobs runs one thread
#     explore  vigil explore --scope two-monitors --schedules-max M   schedules/s
#   quick (default): H = 1, S = 60, M = 1 000;  --full: H = 6, S = 300, M = 4 000
# Output: stress/target$SUFFIX/bench-compare/<time>/ (raw.txt: every run; summary.txt: the table).
# VIGIL_BUILD_SUFFIX selects the build directory, as in bench.sh. Figures only; asserts nothing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
suffix="${VIGIL_BUILD_SUFFIX:-}"
rev="${1:-}"
[ -n "$rev" ] && [ "${rev#-}" = "$rev" ] || { echo "compare.sh: name a revision first, e.g. stress/compare.sh HEAD~3" >&2; exit 2; }
shift
runs=3
budget=quick
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="${2:?--runs needs a number}"; shift 2 ;;
    --full) budget=full; shift ;;
    *) echo "compare.sh: unknown argument '$1' (expected --runs R or --full)" >&2; exit 2 ;;
  esac
done
[[ "$runs" =~ ^[0-9]+$ ]] && [ "$runs" -ge 3 ] || { echo "compare.sh: --runs $runs must be a whole number ≥ 3 (medians of 3 at least)" >&2; exit 2; }
if [ "$budget" = full ]; then hours=6; seeds=300; schedules=4000; else hours=1; seeds=60; schedules=1000; fi

vigil_script=compare.sh
# shellcheck source=../.ci/jdk.sh
source "$root/.ci/jdk.sh"
commit=$(git -C "$root" rev-parse --verify --quiet "$rev^{commit}") || { echo "compare.sh: '$rev' is not a revision of this repository" >&2; exit 2; }

work=$(mktemp -d)
cleanup() { git -C "$root" worktree remove --force "$work/rev" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
echo "compare.sh: building $rev (${commit:0:12}) in a temporary worktree, and the working tree…" >&2
git -C "$root" worktree add --detach --quiet "$work/rev" "$commit"
(cd "$work/rev" && ./mvnw -B -q -pl simulation -am package -DskipTests) >&2
(cd "$root" && ./mvnw -B -q "-Dvigil.buildSuffix=$suffix" -pl simulation -am package -DskipTests) >&2
old_jar="$work/rev/simulation/target/vigil.jar"
new_jar="$root/simulation/target$suffix/vigil.jar"

out="$root/stress/target$suffix/bench-compare/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
raw="$out/raw.txt"
: > "$raw"
sim() { "$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xss4m --enable-native-access=ALL-UNNAMED -jar "$@"; }
has_jobs() { sim "$1" run --help 2>/dev/null | grep -q -- '--jobs'; }
number() { sed -n "s/^$1 *\([0-9,.]*\).*/\1/p" | head -1 | tr -d ,; }
seeds_rate() { sed -n 's/.* s wall: \([0-9,]*\) events\/s.*/\1/p' | head -1 | tr -d ,; }
# One line of raw.txt per figure and run: <figure>|<side>|<value>
record() { echo "$1|$2|$3" >> "$raw"; }

measure() {
  local side="$1" jar="$2" text
  text=$(sim "$jar" run --bench --bench-hours "$hours" 2>/dev/null)
  record "bench events/s" "$side" "$(number 'events per second' <<< "$text")"
  record "bench simulated s per wall s" "$side" "$(number 'simulated s per s' <<< "$text")"
  if has_jobs "$jar"; then
    for jobs in 1 2; do
      text=$(sim "$jar" run --seeds "$seeds" --jobs "$jobs" --report-dir "$work/reports" --trace-dir "$work/traces" 2>/dev/null)
      record "run $seeds seeds --jobs $jobs, events/s" "$side" "$(seeds_rate <<< "$text")"
    done
  else
    text=$(sim "$jar" run --seeds "$seeds" --report-dir "$work/reports" --trace-dir "$work/traces" 2>/dev/null)
    record "run $seeds seeds --jobs 1, events/s" "$side" "$(seeds_rate <<< "$text")"
  fi
  # Stopping at the schedule budget exits 1 (INCOMPLETE): a figure all the same.
  text=$(sim "$jar" explore --scope two-monitors --schedules-max "$schedules" --report-dir "$work/reports" --trace-dir "$work/traces" 2>/dev/null || true)
  record "explore two-monitors ($schedules schedules) schedules/s" "$side" "$(number 'schedules per second' <<< "$text")"
}

loadavg() { cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "?"; }
for run in $(seq 1 "$runs"); do
  echo "run $run/$runs ($(date -u +%H:%M:%S) UTC, load average $(loadavg) on $(nproc) cores): $rev, then the working tree" >&2
  measure old "$old_jar"
  measure new "$new_jar"
done

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "" } else if (NR % 2) { print v[(NR + 1) / 2] } else { print (v[NR / 2] + v[NR / 2 + 1]) / 2 } }'; }
values() { awk -F'|' -v f="$1" -v s="$2" '$1 == f && $2 == s && $3 != "" { print $3 }' "$raw"; }
{
  echo "figure|$rev (${commit:0:12})|working tree|ratio (working tree ÷ $rev)"
  cut -d'|' -f1 "$raw" | awk '!seen[$0]++' | while read -r figure; do
    old=$(values "$figure" old | median)
    new=$(values "$figure" new | median)
    shown="${old:-n/a}"
    if [ -z "$old" ] && [ "$figure" = "run $seeds seeds --jobs 2, events/s" ]; then
      # REV has no --jobs: it runs seeds on one thread, so that is what two threads are compared with.
      old=$(values "run $seeds seeds --jobs 1, events/s" old | median)
      shown="${old:+$old (one thread: no --jobs)}"
    fi
    ratio=$([ -n "$old" ] && [ -n "$new" ] && awk -v a="$old" -v b="$new" 'BEGIN { printf "%.2f×", b / a }' || echo "n/a")
    echo "$figure|${shown:-n/a}|${new:-n/a}|$ratio"
  done
  j1=$(values "run $seeds seeds --jobs 1, events/s" new | median)
  j2=$(values "run $seeds seeds --jobs 2, events/s" new | median)
  if [ -n "$j1" ] && [ -n "$j2" ]; then
    echo "speed-up --jobs 2 ÷ --jobs 1 (working tree)|||$(awk -v a="$j1" -v b="$j2" 'BEGIN { printf "%.2f×", b / a }')"
  fi
} | column -t -s'|' | tee "$out/summary.txt"
echo "medians of $runs runs each ($budget budget; $(nproc) cores; $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)); every run in $raw"
