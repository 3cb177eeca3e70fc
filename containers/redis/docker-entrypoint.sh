#!/bin/sh
# As in the official redis image, a plain `redis-server` (with or without a config file and
# options) runs without protected mode, so other containers can reach it; Debian's build
# would refuse them. Any other command runs as given.
set -e
if [ "${1:-}" = redis-server ]; then
  shift
  if [ -n "${1:-}" ] && [ "${1#-}" = "$1" ]; then
    config=$1
    shift
    set -- redis-server "$config" --protected-mode no "$@"
  else
    set -- redis-server --protected-mode no "$@"
  fi
fi
exec "$@"
