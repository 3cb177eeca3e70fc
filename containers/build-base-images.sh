#!/usr/bin/env bash
# Builds every image the suite runs besides its own apps, under the names in versions.env, and
# the JRE base the apps' images start from. Nothing can be pulled on the suite's machines, so
# each image is made here from Debian packages (debootstrap) and Maven Central jars:
#   debian minbase           -> jre-base (+ jlinked JRE, user 10001) -> kafka, zipkin
#   debian + redis-server    -> redis          debian + prometheus   -> prometheus
#   debian + prometheus-redis-exporter -> redis_exporter
#   debian + rsync + openssl -> toolbox (the content-sync sidecar, the gateway's certificate)
# Re-runs are quick: downloaded packages, root filesystems, the JRE and resolved jars stay in
# .containers/cache, and an image whose recipe (this script, versions.env, its own files and
# its base) has not changed is kept. Needs root (debootstrap) and a JDK >= 21 for jlink.
set -euo pipefail
cd "$(dirname "$0")/.."
containers/setup-podman.sh >/dev/null
. containers/env.sh
. containers/versions.env
. .ci/find-jdk

cache="$CONTAINERS_HOME/cache"
images="$CONTAINERS_HOME/images"
mkdir -p "$cache" "$images"
debian_image="localhost/dds-patterns/debian:$DEBIAN_SUITE"
recipe_label=dev.ddspatterns.recipe

# The Debian mirror apt already uses on this machine (deb822 sources first, then sources.list).
debian_mirror() {
  local mirror
  mirror=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$mirror" ] || mirror=$(awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; exit } }' \
    /etc/apt/sources.list 2>/dev/null || true)
  [ -n "$mirror" ] || { echo "No Debian mirror found in apt's sources; set DEBIAN_MIRROR" >&2; return 1; }
  echo "$mirror"
}

# A Debian minbase root filesystem with PACKAGES, made once and made again only when the
# package list changes, without what no container needs. Prints its directory.
# Only the base is debootstrapped; a variant with packages is a copy of the base with them
# installed by apt in a chroot (Depends only, as debootstrap's --include would), which takes
# seconds instead of a minute of unpacking the same minbase again.
rootfs() {
  local name=$1; shift
  local dir="$cache/rootfs/$name" packages="$*"
  if [ ! -f "$dir.packages" ] || [ "$(cat "$dir.packages")" != "$packages" ]; then
    echo "rootfs $name ${packages:+(base + $packages)}" >&2
    rm -rf "$dir" && mkdir -p "$cache/debs" "$(dirname "$dir")"
    if [ -z "$packages" ]; then
      debootstrap --variant=minbase --cache-dir="$cache/debs" \
        "$DEBIAN_SUITE" "$dir" "${DEBIAN_MIRROR:-$(debian_mirror)}" >"$dir.log"
    else
      [ -f "$cache/rootfs/base.packages" ] || rootfs base >/dev/null
      cp -a "$cache/rootfs/base" "$dir"
      install_in_chroot "$dir" "$packages" >"$dir.log" 2>&1 || { cat "$dir.log" >&2; return 1; }
    fi
    echo "$packages" >"$dir.packages"
  fi
  # Nothing in a container reads manuals, docs, translations, apt's lists or downloaded
  # packages; and the runtime supplies hostname and resolv.conf (these are the build machine's).
  rm -rf "$dir"/usr/share/{doc,man,info,locale}/* "$dir"/var/lib/apt/lists/* "$dir"/var/cache/apt/*.bin \
    "$dir"/var/cache/apt/archives/*.deb "$dir"/var/log/*.log "$dir"/etc/hostname "$dir"/etc/resolv.conf
  echo "$dir"
}

# apt-get install PACKAGES into the root filesystem DIR, from the mirror debootstrap wrote into
# its sources.list, with the build machine's DNS, no service started (policy-rc.d) and /proc
# mounted for the packages' scripts only while they run.
install_in_chroot() {
  local dir=$1 packages=$2 status=0
  cp /etc/resolv.conf "$dir/etc/resolv.conf"
  printf '#!/bin/sh\nexit 101\n' >"$dir/usr/sbin/policy-rc.d" && chmod 0755 "$dir/usr/sbin/policy-rc.d"
  mount -t proc proc "$dir/proc"
  # shellcheck disable=SC2086 # a list of package names
  { chroot "$dir" apt-get update -qq &&
    chroot "$dir" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      $packages &&
    chroot "$dir" apt-get clean; } || status=$?
  umount "$dir/proc"
  rm -f "$dir/usr/sbin/policy-rc.d"
  return $status
}

recipe() {
  cat containers/build-base-images.sh containers/versions.env "$@" | sha256sum | cut -c1-16
}

up_to_date() {
  local image=$1 recipe=$2
  [ "$(podman image inspect --format "{{index .Labels \"$recipe_label\"}}" "$image" 2>/dev/null)" = "$recipe" ]
}

image_id() {
  podman image inspect --format '{{.Id}}' "$1"
}

# Imports a root filesystem as a one-layer image; the rest of the arguments are podman
# import --change instructions (USER, ENTRYPOINT, CMD, ...).
import_rootfs() {
  local dir=$1 image=$2 recipe=$3; shift 3
  local changes=(--change "LABEL $recipe_label=$recipe")
  for change in "$@"; do changes+=(--change "$change"); done
  tar --numeric-owner --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' -C "$dir" -c . \
    | podman import --quiet "${changes[@]}" - "$image" >/dev/null
  echo "built $image"
}

# Builds containers/NAME/Containerfile from CONTEXT; only COPY and local RUN steps, no network.
build_containerfile() {
  local name=$1 context=$2 image=$3 recipe=$4; shift 4
  podman build --quiet --pull=never --network=none --layers=false --label "$recipe_label=$recipe" \
    -f "containers/$name/Containerfile" -t "$image" "$@" "$context" >/dev/null
  echo "built $image"
}

# Resolves Maven artifacts (groupId:artifactId:version[:classifier], transitively) into DIR with
# a throwaway pom: the jars come from Maven Central and are never committed.
resolve_jars() {
  local dir=$1; shift
  local work="$dir.resolve" coordinates deps=""
  for coordinates in "$@"; do
    IFS=: read -r group artifact version classifier <<<"$coordinates"
    deps+="<dependency><groupId>$group</groupId><artifactId>$artifact</artifactId><version>$version</version>"
    deps+="${classifier:+<classifier>$classifier</classifier>}</dependency>"
  done
  rm -rf "$dir" "$work" && mkdir -p "$work"
  cat >"$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.images</groupId><artifactId>resolve</artifactId><version>0</version>
  <dependencies>$deps</dependencies>
</project>
POM
  ./mvnw -B -ntp -q -f "$work/pom.xml" \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$dir"
  rm -rf "$work"
}

# --- debian: the minbase every other image shares ----------------------------------------------
dir=$(rootfs base)
r=$(recipe)
up_to_date "$debian_image" "$r" || import_rootfs "$dir" "$debian_image" "$r" \
  "CMD [\"/bin/bash\"]" "LABEL org.opencontainers.image.version=$DEBIAN_SUITE"

# --- jre-base: the jlinked JRE and user 10001 ---------------------------------------------------
java_version=$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')
if [ "$(java_major "$JAVA_HOME")" != "${JRE_BASE_IMAGE##*:}" ]; then
  echo "JRE_BASE_IMAGE is $JRE_BASE_IMAGE but the JDK at $JAVA_HOME is $java_version" >&2
  exit 1
fi
# What Spring Boot, Netty, Kafka and Zipkin use: the Java SE API plus Unsafe, JFR and JMX
# extras, DNS naming, elliptic-curve and PKCS#11 crypto, zip file systems, all charsets.
jre_modules=java.se,jdk.unsupported,jdk.management,jdk.management.agent,jdk.management.jfr,jdk.jfr,jdk.naming.dns
jre_modules+=,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.security.auth,jdk.security.jgss,jdk.zipfs,jdk.net,jdk.charsets
jre_context="$cache/jre-base"
if [ "$(cat "$jre_context.stamp" 2>/dev/null)" != "$java_version $jre_modules" ]; then
  echo "jlink JRE $java_version" >&2
  rm -rf "$jre_context" && mkdir -p "$jre_context"
  "$JAVA_HOME/bin/jlink" --add-modules "$jre_modules" --output "$jre_context/jre" \
    --strip-debug --no-man-pages --no-header-files --compress=zip-6 --generate-cds-archive
  # The class-data archive for heaps over 32 GB, which no container of the suite has.
  rm -f "$jre_context/jre/lib/server/classes_nocoops.jsa"
  echo "$java_version $jre_modules" >"$jre_context.stamp"
fi
r=$(recipe containers/jre-base/* "$jre_context.stamp" <(image_id "$debian_image"))
up_to_date "$JRE_BASE_IMAGE" "$r" || build_containerfile jre-base "$jre_context" "$JRE_BASE_IMAGE" "$r" \
  --build-arg DEBIAN_IMAGE="$debian_image" --build-arg JAVA_VERSION="$java_version"
# Jib reads its base from a docker-archive tar (it needs no daemon, but cannot read podman's store).
if [ ! -f "$images/jre-base.tar" ] || [ "$(cat "$images/jre-base.tar.id" 2>/dev/null)" != "$(image_id "$JRE_BASE_IMAGE")" ]; then
  rm -f "$images/jre-base.tar"
  podman save --quiet --format docker-archive -o "$images/jre-base.tar" "$JRE_BASE_IMAGE"
  image_id "$JRE_BASE_IMAGE" >"$images/jre-base.tar.id"
fi

# --- kafka: the broker and its tools from Maven Central -----------------------------------------
kafka_context="$cache/kafka"
# kafka-tools for the command-line tools; log4j-slf4j-impl binds Kafka's SLF4J 1.7 logging to
# the log4j 2 that Kafka itself brings (2.25.3 with Kafka 4.1.2).
kafka_jars=("org.apache.kafka:kafka_2.13:$KAFKA_VERSION" "org.apache.kafka:kafka-tools:$KAFKA_VERSION"
  org.apache.logging.log4j:log4j-slf4j-impl:2.25.3)
if [ "$(cat "$kafka_context.stamp" 2>/dev/null)" != "${kafka_jars[*]}" ]; then
  echo "resolve Kafka $KAFKA_VERSION" >&2
  resolve_jars "$kafka_context/libs" "${kafka_jars[@]}"
  echo "${kafka_jars[*]}" >"$kafka_context.stamp"
fi
rsync -a --delete --exclude=/libs --exclude=Containerfile containers/kafka/ "$kafka_context/"
r=$(recipe containers/kafka/*/* "$kafka_context.stamp" <(image_id "$JRE_BASE_IMAGE"))
up_to_date "$KAFKA_IMAGE" "$r" || build_containerfile kafka "$kafka_context" "$KAFKA_IMAGE" "$r" \
  --build-arg JRE_BASE_IMAGE="$JRE_BASE_IMAGE" --build-arg KAFKA_VERSION="$KAFKA_VERSION"

# --- zipkin: the server's exec jar from Maven Central -------------------------------------------
zipkin_context="$cache/zipkin"
if [ "$(cat "$zipkin_context.stamp" 2>/dev/null)" != "$ZIPKIN_VERSION" ]; then
  echo "resolve Zipkin $ZIPKIN_VERSION" >&2
  rm -rf "$zipkin_context" && mkdir -p "$zipkin_context"
  ./mvnw -B -ntp -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy -N \
    -Dartifact="io.zipkin:zipkin-server:$ZIPKIN_VERSION:jar:exec" -DoutputDirectory="$zipkin_context" \
    -Dmdep.stripVersion=true -Dmdep.stripClassifier=true
  mv "$zipkin_context/zipkin-server.jar" "$zipkin_context/zipkin.jar"
  echo "$ZIPKIN_VERSION" >"$zipkin_context.stamp"
fi
r=$(recipe containers/zipkin/* "$zipkin_context.stamp" <(image_id "$JRE_BASE_IMAGE"))
up_to_date "$ZIPKIN_IMAGE" "$r" || build_containerfile zipkin "$zipkin_context" "$ZIPKIN_IMAGE" "$r" \
  --build-arg JRE_BASE_IMAGE="$JRE_BASE_IMAGE" --build-arg ZIPKIN_VERSION="$ZIPKIN_VERSION"

# --- toolbox: rsync for the content-sync sidecar, openssl for the gateway's certificate ----------
dir=$(rootfs toolbox rsync openssl)
install -m 0755 containers/toolbox/content-sync "$dir/usr/local/bin/content-sync"
install -m 0755 containers/toolbox/self-signed-certificate "$dir/usr/local/bin/self-signed-certificate"
r=$(recipe containers/toolbox/* "$dir.packages")
up_to_date "$TOOLBOX_IMAGE" "$r" || import_rootfs "$dir" "$TOOLBOX_IMAGE" "$r" \
  "CMD [\"/bin/bash\"]" "LABEL org.opencontainers.image.version=$DEBIAN_SUITE"

# --- redis: Debian's redis-server 7.0.15 (see versions.env) ------------------------------------------
dir=$(rootfs redis redis-server)
install -m 0755 containers/redis/docker-entrypoint.sh "$dir/usr/local/bin/docker-entrypoint.sh"
mkdir -p "$dir/data" && chroot "$dir" chown redis:redis /data
redis_version=$(chroot "$dir" redis-server --version | sed -n 's/.* v=\([^ ]*\).*/\1/p')
r=$(recipe containers/redis/* "$dir.packages")
up_to_date "$REDIS_IMAGE" "$r" || import_rootfs "$dir" "$REDIS_IMAGE" "$r" \
  "ENTRYPOINT [\"docker-entrypoint.sh\"]" "CMD [\"redis-server\"]" "USER redis" "WORKDIR /data" \
  "VOLUME /data" "EXPOSE 6379" "LABEL org.opencontainers.image.version=$redis_version"

# --- redis_exporter: Debian's prometheus-redis-exporter -----------------------------------------
dir=$(rootfs redis-exporter prometheus-redis-exporter)
ln -sfn usr/bin/prometheus-redis-exporter "$dir/redis_exporter"
r=$(recipe "$dir.packages")
up_to_date "$REDIS_EXPORTER_IMAGE" "$r" || import_rootfs "$dir" "$REDIS_EXPORTER_IMAGE" "$r" \
  "ENTRYPOINT [\"/redis_exporter\"]" "USER 59000:59000" "EXPOSE 9121" \
  "LABEL org.opencontainers.image.version=${REDIS_EXPORTER_IMAGE##*:}"

# --- prometheus: Debian's prometheus, started as the upstream image starts it -------------------
dir=$(rootfs prometheus prometheus)
# 212 MB of per-zone data files; the web UI loads only moment-timezone-with-data.min.js.
rm -rf "$dir/usr/share/javascript/moment-timezone/data"
mkdir -p "$dir/prometheus" && chown 65534:65534 "$dir/prometheus"
r=$(recipe "$dir.packages")
prometheus_args='"--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus",'
prometheus_args+=' "--web.console.libraries=/etc/prometheus/console_libraries",'
prometheus_args+=' "--web.console.templates=/etc/prometheus/consoles"'
up_to_date "$PROMETHEUS_IMAGE" "$r" || import_rootfs "$dir" "$PROMETHEUS_IMAGE" "$r" \
  "ENTRYPOINT [\"/usr/bin/prometheus\"]" "CMD [$prometheus_args]" \
  "USER 65534:65534" "WORKDIR /prometheus" "VOLUME /prometheus" "EXPOSE 9090" \
  "LABEL org.opencontainers.image.version=${PROMETHEUS_IMAGE##*:}"

# Images replaced by this run (the store is the project's own: nothing else's is dangling there).
podman image prune --force >/dev/null
for image in "$debian_image" "$JRE_BASE_IMAGE" "$TOOLBOX_IMAGE" "$KAFKA_IMAGE" "$ZIPKIN_IMAGE" "$REDIS_IMAGE" \
  "$REDIS_EXPORTER_IMAGE" "$PROMETHEUS_IMAGE"; do
  echo "$image $(podman image inspect --format '{{.Size}}' "$image" | numfmt --to=si)B"
done
