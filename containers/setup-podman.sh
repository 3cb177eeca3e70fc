#!/usr/bin/env bash
# Installs Podman and the tools that build the suite's images (Debian 12 packages), and writes
# the configuration the project's container scripts use, under .containers/ (git-ignored).
# Run as root; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
. containers/env.sh

# netavark and aardvark-dns: container networks whose members find each other by name; netavark
# 1.4 sets up their firewall rules with the iptables command (without it no container on a
# network starts: "netavark: No such file or directory"); rsync copies the images' build
# contexts (build-base-images.sh). A fresh Debian 12 machine has neither.
packages=(podman runc netavark aardvark-dns buildah debootstrap podman-compose rsync iptables)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

mkdir -p "$CONTAINERS_HOME"/{storage,run,tmp,networks,cache,images}

# Three settings these machines need: runc, because crun refuses their hybrid cgroup layout;
# cgroupfs, as no systemd manages the containers' cgroups; and no default ulimits, as a
# container may not raise RLIMIT_NOFILE/NPROC here. Networks and the engine's temporary
# state stay in the project's folder, like the storage.
cat > "$CONTAINERS_CONF" <<CONF
[containers]
default_ulimits = []

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$CONTAINERS_HOME/run/events.log"
tmp_dir = "$CONTAINERS_HOME/tmp"

[network]
network_backend = "netavark"
network_config_dir = "$CONTAINERS_HOME/networks"
CONF

cat > "$CONTAINERS_STORAGE_CONF" <<CONF
[storage]
driver = "overlay"
graphroot = "$CONTAINERS_HOME/storage"
runroot = "$CONTAINERS_HOME/run"
CONF

# No registry is reachable, so none is searched: every image is built here and named in full
# (localhost/...), and a name that is not found fails at once instead of timing out.
cat > "$CONTAINERS_REGISTRIES_CONF" <<CONF
unqualified-search-registries = []
short-name-mode = "disabled"
CONF

podman info --format 'podman {{.Version.Version}}: runtime {{.Host.OCIRuntime.Name}}, cgroups {{.Host.CgroupManager}}, storage {{.Store.GraphRoot}}'
