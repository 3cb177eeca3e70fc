#!/usr/bin/env bash
# The local demo: real Redis servers and every app of the suite as its own process, then a
# tour of the patterns. Needs only a JDK 21+.
#
#   ./demo.sh            build what is missing, start everything, run the tour, keep running
#   ./demo.sh --no-tour  start only
#   ./demo.sh --ci       start, tour, stop; exit code says whether every step passed
#   ./demo.sh tour       run the tour again against a demo started from another terminal
#   ./demo.sh stop       stop a demo started from another terminal
set -euo pipefail
cd "$(dirname "$0")"
. .ci/find-jdk
mkdir -p .demo/logs

if [ "${1:-}" = "stop" ]; then
  [ -f .demo/demo.pid ] && kill "$(cat .demo/demo.pid)" 2>/dev/null || true
  sleep 2
  # Anything the demo's supervisor could not stop (it was killed itself, say).
  [ -f .demo/children.pid ] && xargs -r kill 2>/dev/null < .demo/children.pid || true
  rm -f .demo/demo.pid .demo/children.pid
  echo "Stopped."
  exit 0
fi

if [ "${1:-}" = "tour" ]; then
  if [ ! -f .demo/demo.pid ] || ! kill -0 "$(cat .demo/demo.pid)" 2>/dev/null; then
    echo "No demo is running: start one with ./demo.sh" >&2
    exit 1
  fi
  # The running demo picks the request up within a second and writes the tour here too.
  rm -f .demo/tour.txt
  touch .demo/tour.request
  until [ -f .demo/tour.txt ]; do sleep 0.5; done
  tail -n +1 -f .demo/tour.txt &
  follower=$!
  until grep -q '^Tour: ' .demo/tour.txt; do sleep 1; done
  sleep 0.5
  kill "$follower"
  grep -q '^Tour: every step passed' .demo/tour.txt
fi

if ! ls demo/target/demo-*.jar gateway/target/gateway-*.jar thumbnailer/target/thumbnailer-*.jar >/dev/null 2>&1 || [ "${DEMO_BUILD:-}" = "always" ]; then
  echo "Building the suite (once) ..."
  ./mvnw -q -B -DskipTests package
fi
# The demo's own JVM holds the Kafka broker and the tour: a small heap and the serial collector,
# like the apps it starts (demo/AppLaunch).
exec java -XX:+UseSerialGC -Xms32m -Xmx512m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:TieredStopAtLevel=1 -Ddemo.root="$PWD" \
  -jar demo/target/demo-0.1.0-SNAPSHOT.jar "$@"
