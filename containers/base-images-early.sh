#!/usr/bin/env bash
# Builds the base images (setup-podman.sh, then build-base-images.sh, each through stage.sh) in
# the background from the start of the build, and waits for them where the container stage
# needs them. They need nothing the modules build, and most of their time is spent fetching and
# unpacking Debian packages, so they need not wait for the modules' tests to finish; in the
# container stage they would be a minute and a half more on the build's critical path.
#
#   containers/base-images-early.sh start   # at the start of the build (the root pom, in CI)
#   containers/base-images-early.sh await   # in the container stage: waits, shows the log, and
#                                           # fails as the build did; builds now if never started
set -euo pipefail
cd "$(dirname "$0")/.."
state=target/base-images-early
mkdir -p "$state"

build() {
  containers/stage.sh setup-podman.sh && containers/stage.sh build-base-images.sh
}

case "${1:-}" in
  start)
    rm -f "$state/status" "$state/pid"
    # setsid: its own session, so it outlives the Maven goal that started it (the build ends
    # long after it does, and await waits for it). None of the goal's streams stay open in it:
    # Maven's exec reads them to their end, so an inherited stdout would hold the goal (and
    # with it every module, which all wait for the parent) until the images were built.
    setsid bash -c "$(declare -f build); build >'$state/log' 2>&1; echo \$? >'$state/status'" \
      </dev/null >/dev/null 2>&1 &
    echo $! >"$state/pid"
    echo "base images: building in the background (log: $state/log)"
    ;;
  await)
    if [ ! -f "$state/pid" ]; then
      build
      exit
    fi
    waited=$SECONDS
    until [ -f "$state/status" ]; do
      if ! kill -0 "$(cat "$state/pid")" 2>/dev/null && [ ! -f "$state/status" ]; then
        cat "$state/log" 2>/dev/null || true
        echo "base images: the background build ended without a status" >&2
        exit 1
      fi
      sleep 2
    done
    cat "$state/log"
    rm -f "$state/pid"
    echo "base images: waited $((SECONDS - waited)) s for the background build"
    exit "$(cat "$state/status")"
    ;;
  *)
    echo "usage: $0 start|await" >&2
    exit 2
    ;;
esac
