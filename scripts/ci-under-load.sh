#!/usr/bin/env bash
# The suite on a busy machine (docs/architecture.md §8): `.ci/run` on fresh clones of one commit, RUNS times in a row
# (default 3), each while two busy loops keep both cores occupied. Stops at the first failing run.
#   scripts/ci-under-load.sh [commit] [runs]      results in $WORK (default /tmp/ci-under-load)/summary.txt
set -u
repo="$(cd "$(dirname "$0")/.." && pwd)"
commit="$(git -C "$repo" rev-parse "${1:-HEAD}")"
runs="${2:-3}"
work="${WORK:-/tmp/ci-under-load}"
mkdir -p "$work"
for run in $(seq 1 "$runs"); do
  clone="$work/run$run"
  rm -rf "$clone"
  git clone -q "$repo" "$clone" && git -C "$clone" checkout -q "$commit"
  node -e 'for (;;) {}' & first=$!
  node -e 'for (;;) {}' & second=$!
  started=$(date +%s)
  (cd "$clone" && CI=true bash .ci/run) > "$work/run$run.log" 2>&1
  status=$?
  kill "$first" "$second"
  echo "run $run of ${commit:0:7}: exit $status after $(($(date +%s) - started)) s; $(tail -n 1 "$work/run$run.log")" \
    | tee -a "$work/summary.txt"
  [ "$status" -eq 0 ] || exit "$status"
done
