#!/usr/bin/env bash
# Benchmark: search-root latency against the number of leaves (1, 2, 4, 8), hedging on and
# off, over a synthetic 50,000-document corpus made from the public-domain corpus/. Runs
# LeavesVersusLatency (search-root/src/bench/java) through the `bench` Maven profile, then draws
# docs/images/search-leaves-latency.png with gnuplot (Debian: apt-get install gnuplot-nox).
# Everything runs in one JVM, over loopback; about 12 minutes on 2 cores.
#
#   bench/search-leaves.sh
#   BENCH_ARGS="-Dbench.leaves=1,2 -Dbench.queries=200" bench/search-leaves.sh   # a quick look,
#                                          # other settings: see LeavesVersusLatency's Javadoc
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/find-jdk

./mvnw -B -q -pl search-root -am -Pbench -DskipTests -Dbench.args="${BENCH_ARGS:-}" verify
echo "results: search-leaves.{csv,md} in search-root/target/bench (or -Dbench.out)"

if [ -n "${BENCH_ARGS:-}" ]; then
  # Other settings: leave the documented plot alone.
  echo "plot it: gnuplot -c bench/plot-search-leaves.gp <bench.out>/search-leaves-plot.dat <png>"
elif command -v gnuplot >/dev/null; then
  gnuplot -c bench/plot-search-leaves.gp search-root/target/bench/search-leaves-plot.dat \
    docs/images/search-leaves-latency.png
  echo "plot: docs/images/search-leaves-latency.png"
else
  echo "gnuplot is not on the PATH (Debian: apt-get install gnuplot-nox): no plot drawn" >&2
fi
