#!/usr/bin/env bash
# Benchmark: what the gateway costs in front of a backend, next to nginx doing the same job.
# Four targets on 127.0.0.1, measured alternately in one run so machine noise hits all alike:
#   (a) the backend direct: nginx serving a static JSON file
#   (b) nginx proxying /api/v1/cache/... to that backend (rewrite to /v1/..., keep-alive, access log)
#   (c) the gateway's production `cache` route to the same backend: rate limiter ON (Redis,
#       never tripping), circuit breaker, retry, access log, metrics, tracing (bench/gateway-bench.yml)
#   (d) for comparison, the same gateway jar with a bare route and the per-request extras off
#       (profile `bare` in bench/gateway-bench.yml): what Spring Cloud Gateway itself costs
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
# GATEWAY_ARGS adds settings to this one only, to measure what a setting costs, e.g.
# GATEWAY_ARGS="--management.tracing.sampling.probability=0.1".
# shellcheck disable=SC2086
taskset -c "$SERVER_CPUS" java -Xmx512m -jar "$GATEWAY_JAR" --server.port="$GATEWAY_PORT" \
  --spring.config.additional-location=file:bench/gateway-bench.yml --bench.backend-port="$BACKEND_PORT" \
  --spring.data.redis.port="$REDIS_PORT" ${GATEWAY_ARGS:-} >"$WORK/gateway.log" 2>&1 &
PIDS+=($!)
# (d) the bare gateway. BARE_ARGS adds settings to this one only, e.g.
# BARE_ARGS=--bench.bare-uri=http://127.0.0.1:18090
# for a route straight to the backend's address, without the load balancer.
# shellcheck disable=SC2086
taskset -c "$SERVER_CPUS" java -Xmx512m -jar "$GATEWAY_JAR" --server.port="$BARE_PORT" --spring.profiles.active=bare \
  --spring.config.additional-location=file:bench/gateway-bench.yml --bench.backend-port="$BACKEND_PORT" \
  --spring.data.redis.port="$REDIS_PORT" ${BARE_ARGS:-} >"$WORK/gateway-bare.log" 2>&1 &
PIDS+=($!)

A="http://127.0.0.1:$BACKEND_PORT/v1/cache/bench"
B="http://127.0.0.1:$NGINX_PORT/api/v1/cache/bench"
C="http://127.0.0.1:$GATEWAY_PORT/api/v1/cache/bench"
D="http://127.0.0.1:$BARE_PORT/api/v1/cache/bench"
for url in "$A" "$B" "$C" "$D"; do
  for _ in $(seq 1 120); do
    curl -fs -o /dev/null "$url" && break
    sleep 0.5
  done
  curl -fs -o /dev/null "$url" || { echo "$url does not answer (logs in $WORK)" >&2; cat "$WORK/gateway.log" >&2; exit 1; }
done
# The gateway answers with the backend's body and its rate-limit headers: the limiter is on.
curl -fsi "$C" | grep -qi '^X-RateLimit-Remaining' || { echo "rate limiter is not on the route" >&2; exit 1; }

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

echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg); servers on CPU $SERVER_CPUS, wrk on CPU $LOAD_CPUS"
echo
echo "| round | backend req/s | backend p99 ms | nginx req/s | nginx p99 ms | gateway req/s | gateway p99 ms | gateway / nginx | bare gateway req/s | bare gateway p99 ms |"
echo "|---|---|---|---|---|---|---|---|---|---|"
sum_b=0; sum_c=0; sum_d=0; errors=0
for round in $(seq 1 "$ROUNDS"); do
  read -r rps_a p99_a bad_a < <(run "$A")
  read -r rps_b p99_b bad_b < <(run "$B")
  read -r rps_c p99_c bad_c < <(run "$C")
  read -r rps_d p99_d bad_d < <(run "$D")
  errors=$((errors + bad_a + bad_b + bad_c + bad_d))
  ratio=$(awk -v c="$rps_c" -v b="$rps_b" 'BEGIN {printf "%.3f", c / b}')
  echo "| $round | $rps_a | $p99_a | $rps_b | $p99_b | $rps_c | $p99_c | $ratio | $rps_d | $p99_d |"
  sum_b=$(awk -v s="$sum_b" -v x="$rps_b" 'BEGIN {print s + x}')
  sum_c=$(awk -v s="$sum_c" -v x="$rps_c" 'BEGIN {print s + x}')
  sum_d=$(awk -v s="$sum_d" -v x="$rps_d" 'BEGIN {print s + x}')
done
awk -v c="$sum_c" -v b="$sum_b" 'BEGIN {printf "\nOverall throughput ratio gateway / nginx: %.3f\n", c / b}'
awk -v d="$sum_d" -v b="$sum_b" 'BEGIN {printf "Overall throughput ratio bare gateway / nginx: %.3f\n", d / b}'
echo "non-2xx answers over the whole run: $errors"
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
