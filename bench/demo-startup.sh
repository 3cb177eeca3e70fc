#!/usr/bin/env bash
# Benchmark: the demo's start-up to all ready, and the resident memory of every process it
# runs (its own JVM, the app JVMs, the Redis servers; the sum of each one's RSS), for two
# builds side by side: BEFORE (a commit, built in a worktree) and this checkout, started
# alternately so machine noise hits both alike. Each round starts the demo without its tour,
# waits for "All ready", samples the resident sets a few seconds later, and stops it.
#
#   bench/demo-startup.sh                         # BEFORE=c5b0577, 3 rounds each
#   ROUNDS=5 BEFORE=<commit> bench/demo-startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/find-jdk

ROUNDS=${ROUNDS:-3}
BEFORE=${BEFORE:-c5b0577}
SETTLE=${SETTLE:-5}
WORK=.bench/demo-startup
mkdir -p "$WORK"

# Both builds, packaged (the worktree once per commit).
./mvnw -q -B -ntp -DskipTests package
if [ ! -d "$WORK/before" ]; then
  git worktree add --detach "$WORK/before" "$BEFORE" >/dev/null
  (cd "$WORK/before" && ./mvnw -q -B -ntp -DskipTests package)
fi

rss_of_tree() { # the RSS in kB of a process and all its descendants
  local pid=$1 total child
  total=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
  for child in $(pgrep -P "$pid"); do
    total=$((total + $(rss_of_tree "$child")))
  done
  echo "$total"
}

run() { # label folder
  local label=$1 dir=$2 log="$WORK/$1.log" pid ready rss
  (cd "$dir" && exec ./demo.sh --no-tour) >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    grep -q '^All ready in\|^Not ready' "$log" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  ready=$(sed -n 's/^All ready in \([0-9.]*\) s.*/\1/p' "$log")
  sleep "$SETTLE"
  rss=$(rss_of_tree "$pid")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  printf '%-7s all ready %6s s   resident %5.2f GB   processes %d\n' "$label" "${ready:-FAILED}" \
    "$(echo "$rss / 1000000" | bc -l)" "$(grep -c . "$dir/.demo/children.pid" 2>/dev/null || echo 0)"
}

# The first start after a build extracts the apps and records their start-up caches before
# its clock starts (the demo prints how long that took); it is not part of "all ready".
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, JDK $(java_major "$JAVA_HOME"), load $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round"
  run before "$WORK/before"
  run after .
done
