# shellcheck shell=bash
# Sourced by the container scripts (and by hand: `. containers/env.sh`) so podman and buildah
# use the project's own configuration and storage under .containers/, never the machine's:
# runs of this project cannot collide with other podman users on the same machine.
CONTAINERS_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.containers"
export CONTAINERS_HOME
export CONTAINERS_CONF="$CONTAINERS_HOME/containers.conf"
export CONTAINERS_STORAGE_CONF="$CONTAINERS_HOME/storage.conf"
export CONTAINERS_REGISTRIES_CONF="$CONTAINERS_HOME/registries.conf"
