# shellcheck shell=bash
# Sourced by the container scripts (and by hand: `. containers/env.sh`) so podman and buildah
# use the project's own configuration and storage under .containers/, never the machine's:
# runs of this project cannot collide with other podman users on the same machine.
CONTAINERS_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.containers"
export CONTAINERS_HOME
export CONTAINERS_CONF="$CONTAINERS_HOME/containers.conf"
export CONTAINERS_STORAGE_CONF="$CONTAINERS_HOME/storage.conf"
export CONTAINERS_REGISTRIES_CONF="$CONTAINERS_HOME/registries.conf"

# Podman's overlay driver bind-mounts its own directory (private) and leaves the mount behind
# when the engine process ends; mounts can stack, one per engine that made one. Once nothing of
# the project runs, remove them, so the project's folder can be deleted; the next podman command
# mounts it again.
release_storage_mounts() {
  local tries=0 pid
  # Not under a running API service (containers/podman-api.sh).
  pid=$(cat "$CONTAINERS_HOME/podman-api.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then return 0; fi
  # A container's exit starts a `podman container cleanup` of its own, which mounts the storage
  # again: let those finish first (their command lines name the store).
  while pgrep -f -- "$CONTAINERS_HOME/storage" >/dev/null && [ $tries -lt 30 ]; do
    sleep 0.5
    tries=$((tries + 1))
  done
  tries=0
  while mountpoint -q "$CONTAINERS_HOME/storage/overlay" && [ $tries -lt 10 ]; do
    umount "$CONTAINERS_HOME/storage/overlay"
    tries=$((tries + 1))
  done
}
