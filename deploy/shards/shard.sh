#!/usr/bin/env bash
# One shard of a long simulation run, the same on every engine that runs it (the GitHub Actions
# matrix in .github/workflows/simulation-shards.yml, the Kubernetes Indexed Job in
# deploy/k8s/simulation-shards.yaml, ShardScaleOutTest on one machine).
# Usage: deploy/shards/shard.sh OUT_DIR [K N]
#   K/N: this shard (1-based K) of N; without them, K = JOB_COMPLETION_INDEX + 1 and N = VIGIL_SHARD_COUNT
#   (what a Kubernetes Indexed Job sets). Writes OUT_DIR/shard-K/{run,explore}.{json,html,junit.xml}
#   and any trace under OUT_DIR/shard-K/traces/.
# Environment: VIGIL_SEEDS (seeds of the whole run, split between shards; default 10000),
#   VIGIL_SEED_START (default 1), VIGIL_EVENTS (events per seed; default 300),
#   VIGIL_SCOPE (a standard scope that every shard also explores its share of; empty for none),
#   VIGIL (the launcher; default ./vigil from the repository root).
# Exit code: 0 if every part passed, else the worst part's (1 violation or incomplete, 2 usage).
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:?usage: deploy/shards/shard.sh OUT_DIR [K N]}"
if [ $# -ge 3 ]; then
  k="$2"; n="$3"
elif [ -n "${JOB_COMPLETION_INDEX:-}" ] && [ -n "${VIGIL_SHARD_COUNT:-}" ]; then
  k=$((JOB_COMPLETION_INDEX + 1)); n="$VIGIL_SHARD_COUNT"
else
  echo "shard.sh: give K N, or set JOB_COMPLETION_INDEX and VIGIL_SHARD_COUNT" >&2
  exit 2
fi
# VIGIL may hold a command with arguments (java -cp … Main): split it on spaces, on purpose.
read -r -a vigil <<< "${VIGIL:-$root/vigil}"
dir="$out/shard-$k"
mkdir -p "$dir"

status=0
"${vigil[@]}" run --seeds "${VIGIL_SEEDS:-10000}" --seed-start "${VIGIL_SEED_START:-1}" --events "${VIGIL_EVENTS:-300}" \
  --shard "$k/$n" --report-dir "$dir" --trace-dir "$dir/traces" || status=$?
if [ -n "${VIGIL_SCOPE:-}" ]; then
  "${vigil[@]}" explore --scope "$VIGIL_SCOPE" --shard "$k/$n" --report-dir "$dir" --trace-dir "$dir/traces" || {
    code=$?; [ "$code" -gt "$status" ] && status=$code; }
fi
exit "$status"
