#!/usr/bin/env bash
# Runs one step of the container stage (the system-tests module runs each through this) and
# says how long it took; with STAGE_LOG set (.ci/run sets it) the line is also kept there, so
# the run can end with every stage's time.
#
#   containers/stage.sh compose-smoke.sh [arguments]
set -uo pipefail
cd "$(dirname "$0")/.."
step=$1
shift
started=$SECONDS
bash "containers/$step" "$@"
status=$?
line=$(printf '%-28s %4d s%s' "$step" $((SECONDS - started)) "$([ $status -eq 0 ] || echo "  (failed: exit $status)")")
echo "[stage] $line"
[ -z "${STAGE_LOG:-}" ] || echo "$line" >>"$STAGE_LOG"
exit $status
