#!/usr/bin/env bash
# Benchmark: thumbnails/s from two workers through Kafka against the same rendering code in a
# plain two-thread loop over the same photos (4032x3024 JPEGs), rounds interleaved. Two ways
# through Kafka: the work queue alone (items queued first, then two workers drain them) and
# the whole pipeline (one job per photo from upload to done). Then the end-to-end latency of
# one 30 s video job. Runs ThumbnailThroughput (thumbnailer's test tree) through the `bench`
# Maven profile with a real Kafka broker and a real Redis server; about 12 minutes on 2 cores.
#
#   bench/thumbnailer.sh
#   BENCH_ARGS="-Dbench.rounds=5" bench/thumbnailer.sh                     # what docs/benchmarks.md shows
#   BENCH_ARGS="-Dbench.images=40 -Dbench.rounds=1" bench/thumbnailer.sh   # a quick look
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/find-jdk

./mvnw -B -q -pl thumbnailer -am -Pbench -DskipTests -Dbench.args="${BENCH_ARGS:-}" verify
echo "results: thumbnailer/target/bench/thumbnailer.md"
