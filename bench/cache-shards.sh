#!/usr/bin/env bash
# Benchmark: GET throughput and p99 through cache-service with 3 Redis shards vs 1 shard,
# both instances on this machine, measured alternately in one run so machine noise hits
# both alike. Needs redis-server and wrk on the PATH (Debian: apt-get install redis-server wrk).
#
#   bench/cache-shards.sh            # 3 rounds of 20 s per instance
#   ROUNDS=5 DURATION=30s bench/cache-shards.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/find-jdk

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
export KEYS=${KEYS:-1000}
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

for tool in redis-server wrk curl; do
  command -v "$tool" >/dev/null || { echo "$tool is needed on the PATH" >&2; exit 1; }
done

./mvnw -q -B -pl cache-service -am package -DskipTests
JAR=$(ls cache-service/target/cache-service-*.jar | grep -v original | head -1)

# Four Redis servers: three shards for one instance, one for the other.
for port in 16390 16391 16392 16393; do
  redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --daemonize no \
    --dir "$WORK" --logfile "$WORK/redis-$port.log" &
  PIDS+=($!)
done

start_cache() { # name port shard-ports...
  local name=$1 port=$2 i=0 args=()
  shift 2
  for shard in "$@"; do
    args+=("--suite.cache.shards[$i].name=shard-$i" "--suite.cache.shards[$i].primary=redis://127.0.0.1:$shard")
    i=$((i + 1))
  done
  # Hot-key defense off: the near cache would answer every read and hide the shards.
  java -Xmx512m -jar "$JAR" --server.port="$port" --spring.application.name="$name" \
    --suite.cache.hot-keys.threshold=100000000 --logging.level.root=WARN "${args[@]}" \
    >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
}
start_cache three-shards 18181 16390 16391 16392
start_cache one-shard 18182 16393

for port in 18181 18182; do
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break
    sleep 0.5
  done
  curl -fs "http://127.0.0.1:$port/readyz" >/dev/null || { echo "cache-service on $port did not start" >&2; exit 1; }
  for i in $(seq 0 $((KEYS - 1))); do
    curl -fs -X PUT -H 'Content-Type: application/json' --data "{\"n\":$i,\"payload\":\"$(printf '%0200d' 0)\"}" \
      "http://127.0.0.1:$port/v1/cache/bench-$i" >/dev/null
  done
  # Warm-up: JIT and connection pools.
  wrk -t"$THREADS" -c"$CONNECTIONS" -d10s -s bench/cache-get.lua "http://127.0.0.1:$port" >/dev/null
done

run() { # port → "rps p99_ms"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/cache-get.lua "http://127.0.0.1:$1" \
    | awk '/Requests\/sec/ {rps=$2} /^ +99%/ {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; p99=v} END {printf "%s %s\n", rps, p99}'
}

echo "| round | 3 shards req/s | 3 shards p99 ms | 1 shard req/s | 1 shard p99 ms | ratio req/s (3/1) |"
echo "|---|---|---|---|---|---|"
sum3=0; sum1=0
for round in $(seq 1 "$ROUNDS"); do
  read -r rps3 p993 < <(run 18181)
  read -r rps1 p991 < <(run 18182)
  ratio=$(awk -v a="$rps3" -v b="$rps1" 'BEGIN {printf "%.3f", a / b}')
  echo "| $round | $rps3 | $p993 | $rps1 | $p991 | $ratio |"
  sum3=$(awk -v s="$sum3" -v a="$rps3" 'BEGIN {print s + a}')
  sum1=$(awk -v s="$sum1" -v a="$rps1" 'BEGIN {print s + a}')
done
awk -v a="$sum3" -v b="$sum1" 'BEGIN {printf "\nOverall throughput ratio 3 shards / 1 shard: %.3f\n", a / b}'
