#!/usr/bin/env bash
# Benchmark: thumbnails/s through the thumbnailer's Kafka pipeline with two workers against
# the same rendering code in a plain two-thread loop over the same 1920x1080 JPEGs, rounds
# interleaved; then the end-to-end latency of one 30 s video job. Runs ThumbnailThroughput
# (thumbnailer's test tree) through the `bench` Maven profile with a real Kafka broker and a
# real Redis server in one JVM; a few minutes on 2 cores.
#
#   bench/thumbnailer.sh
#   BENCH_ARGS="-Dbench.images=40 -Dbench.rounds=1" bench/thumbnailer.sh   # a quick look
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/find-jdk

./mvnw -B -q -pl thumbnailer -am -Pbench -DskipTests -Dbench.args="${BENCH_ARGS:-}" verify
echo "results: thumbnailer/target/bench/thumbnailer.md"
