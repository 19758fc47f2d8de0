#!/usr/bin/env bash
# Merges what the shards of deploy/shards/shard.sh wrote under OUT_DIR into one report:
# OUT_DIR/merged/simulation.{json,html,junit.xml} (counts add up, violations are kept, coverage is
# united, the verdict is the worst). The merged JUnit XML is what CI publishes.
# Usage: deploy/shards/merge.sh OUT_DIR      Environment: VIGIL (the launcher; default ./vigil).
# Exit code: the merged verdict's (0 passed, 1 failed), 2 if a shard's report is missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:?usage: deploy/shards/merge.sh OUT_DIR}"
read -r -a vigil <<< "${VIGIL:-$root/vigil}"
shopt -s nullglob
reports=("$out"/shard-*/run.json "$out"/shard-*/explore.json)
if [ ${#reports[@]} -eq 0 ]; then
  echo "merge.sh: no shard report under $out (expected $out/shard-K/run.json)" >&2
  exit 2
fi
mkdir -p "$out/merged"
exec "${vigil[@]}" report merge "${reports[@]}" -o "$out/merged/simulation.json"
