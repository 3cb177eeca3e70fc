#!/usr/bin/env bash
# Podman's Docker-compatible API on a unix socket, for Testcontainers (system-tests):
#
#   containers/podman-api.sh start [socket]   # then DOCKER_HOST=unix://<socket>
#   containers/podman-api.sh stop [socket]    # also removes what the tests left behind
#
# The socket defaults to .containers/podman.sock. The service uses the project's own podman
# configuration and storage (env.sh), where setup-podman.sh and the image scripts put them.
set -euo pipefail
cd "$(dirname "$0")/.."
. containers/env.sh

socket=${2:-$CONTAINERS_HOME/podman.sock}
pidfile=$CONTAINERS_HOME/podman-api.pid
# What Testcontainers creates carries this label (containers and networks).
label=org.testcontainers=true

start() {
  stop_service
  rm -f "$socket"
  # Detached, its output to a file: whoever started this script (Maven's exec plugin) must
  # not wait for it.
  setsid podman system service --time=0 "unix://$socket" \
    </dev/null >"$CONTAINERS_HOME/podman-api.log" 2>&1 &
  echo $! >"$pidfile"
  for _ in $(seq 1 50); do
    if curl -fsS --max-time 2 --unix-socket "$socket" http://podman/_ping >/dev/null 2>&1; then
      echo "Podman API on unix://$socket: $(curl -fsS --unix-socket "$socket" http://podman/version \
        | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print("version", d["Version"], "api", d["ApiVersion"])')"
      return 0
    fi
    sleep 0.2
  done
  cat "$CONTAINERS_HOME/podman-api.log" >&2
  echo "Podman API did not come up on $socket" >&2
  exit 1
}

stop_service() {
  [ -f "$pidfile" ] || return 0
  local pid
  pid=$(cat "$pidfile")
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$pidfile" "$socket"
}

stop() {
  # Tests stop their own containers; a test that failed half-way may not have.
  local ids
  ids=$(podman ps -aq --filter "label=$label")
  if [ -n "$ids" ]; then
    echo "removing $(wc -w <<<"$ids") containers the tests left"
    podman rm -f -v $ids >/dev/null
  fi
  ids=$(podman network ls -q --filter "label=$label")
  [ -z "$ids" ] || podman network rm -f $ids >/dev/null
  stop_service
  # Podman 4.3 can leave a conmon behind for an exec session; its command line names the store.
  pkill -f "conmon .*$CONTAINERS_HOME/" 2>/dev/null || true
  release_storage_mounts
  echo "Podman API stopped; nothing of the tests is left"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop [socket]" >&2; exit 2 ;;
esac
