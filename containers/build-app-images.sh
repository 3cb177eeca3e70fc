#!/usr/bin/env bash
# Builds the images of the six apps with Jib (Maven profile "images") onto the JRE base that
# build-base-images.sh makes, then loads them into the project's podman storage as
# localhost/dds-patterns/<module>:<version>. Extra arguments go to Maven (e.g. -o, -pl gateway).
set -euo pipefail
cd "$(dirname "$0")/.."
. containers/env.sh
. .ci/find-jdk
export MAVEN_ARGS="${MAVEN_ARGS:-} -B -ntp"

if [ ! -f "$CONTAINERS_HOME/images/jre-base.tar" ]; then
  echo "No JRE base image yet: run containers/build-base-images.sh first" >&2
  exit 1
fi

# The commit's time as the images' creation time, so one commit always gives the same images.
created=$(git log -1 --format=%cI 2>/dev/null || echo EPOCH)
rm -f ./*/target/jib-image.tar
# -Dimages.skip: under CI=true this build too activates the profile system-tests, whose parent
# pom would start the base images' background build again (base-images-early.sh); that belongs
# to the outer build, which has already waited for it.
./mvnw -Pimages -DskipTests -Dimages.skip=true -Djib.container.creationTime="$created" package "$@"

for tar in ./*/target/jib-image.tar; do
  podman load --quiet --input "$tar"
done
# The images these replaced (the store is the project's own: nothing else's is dangling there).
podman image prune --force >/dev/null
podman images --filter 'reference=localhost/dds-patterns/*' --format '{{.Repository}}:{{.Tag}}  {{.Size}}' \
  | grep -v -e /jre-base: -e /debian:
