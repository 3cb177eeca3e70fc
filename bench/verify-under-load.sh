#!/usr/bin/env bash
# The newcomer's test command on a busy machine: ./mvnw verify, RUNS times in a row on a fresh
# clone of HEAD, while another process keeps one core busy the whole time (stress-ng --cpu 1
# where it is installed, a shell loop otherwise), as on a laptop doing other work. Prints each
# run's outcome and time; stops at the first failure, leaving its clone for a look.
#
#   bench/verify-under-load.sh            # 3 runs
#   RUNS=1 bench/verify-under-load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
clone=$(mktemp -d /tmp/verify-under-load.XXXXXX)
git clone -q . "$clone"

if command -v stress-ng >/dev/null; then
  stress-ng --cpu 1 --timeout 0 --quiet &
else
  (while :; do :; done) &
fi
busy=$!
trap 'kill "$busy" 2>/dev/null || true' EXIT

echo "machine: $(nproc) cores, load kept on 1 by $(command -v stress-ng >/dev/null && echo 'stress-ng --cpu 1' || echo 'a shell loop'), $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD)"
for run in $(seq 1 "$RUNS"); do
  started=$SECONDS
  if (cd "$clone" && env -u JAVA_HOME CI= ./mvnw -B -ntp verify >"$clone/verify-$run.log" 2>&1); then
    outcome=passed
  else
    outcome="FAILED (see $clone/verify-$run.log)"
  fi
  printf 'run %d: %s in %dm%02ds, load average %s\n' "$run" "$outcome" $(((SECONDS - started) / 60)) \
    $(((SECONDS - started) % 60)) "$(cut -d' ' -f1-3 /proc/loadavg)"
  [ "$outcome" = passed ] || exit 1
done
rm -rf "$clone"
