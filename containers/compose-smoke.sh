#!/usr/bin/env bash
# Runs docker-compose.yml under Podman end to end: brings the suite up with podman-compose,
# waits for every container's health check, drives one request of each kind through the
# gateway, injects three faults (a leaf down, the election leader killed, a Redis primary
# down) and checks how the suite copes, checks that every Grafana panel's PromQL finds series
# in Prometheus, then tears everything down and checks that nothing of the project is left.
#
#   containers/compose-smoke.sh                 # the suite and the observability profile
#   PROFILES= containers/compose-smoke.sh       # the suite only
#   KEEP=1 containers/compose-smoke.sh          # leave the stack running (tear down yourself:
#                                               #  containers/compose-smoke.sh down)
# Host ports (127.0.0.1 only): GATEWAY_HTTP_PORT (8080), GATEWAY_HTTPS_PORT (8443),
# PROMETHEUS_PORT (9090), ZIPKIN_PORT (9411), CONSOLE_PORT (8088). Needs podman, podman-compose, curl, and the
# python3 that podman-compose runs on (YAML and JSON). Images: build-base-images.sh, build-app-images.sh.
#
# Two things differ from `docker compose up`, both because of podman-compose 1.0.3 (Debian 12)
# and Podman without systemd, not because of the compose file:
# - podman-compose 1.0.3 ignores `profiles` and `depends_on: condition`: this script picks the
#   services of the active profiles itself and starts the infrastructure before the apps;
# - without systemd, Podman runs no health checks by itself: this script runs them
#   (`podman healthcheck run`, the same command the compose file declares) while it waits.
set -euo pipefail
cd "$(dirname "$0")/.."
. containers/env.sh

project=${PROJECT:-dds-patterns-smoke}
profiles=${PROFILES-observability}
export GATEWAY_HTTP_PORT=${GATEWAY_HTTP_PORT:-8080} GATEWAY_HTTPS_PORT=${GATEWAY_HTTPS_PORT:-8443}
export PROMETHEUS_PORT=${PROMETHEUS_PORT:-9090} ZIPKIN_PORT=${ZIPKIN_PORT:-9411}
export CONSOLE_PORT=${CONSOLE_PORT:-8088}
gateway="http://127.0.0.1:$GATEWAY_HTTP_PORT"
console="http://127.0.0.1:$CONSOLE_PORT"
prometheus="http://127.0.0.1:$PROMETHEUS_PORT"
files=(-f docker-compose.yml -f containers/compose.podman.yml)
logs=${LOGS:-target/compose-smoke}
mkdir -p "$logs"
logs=$(cd "$logs" && pwd)
started=$SECONDS

say() { printf '[%4ds] %s\n' $((SECONDS - started)) "$*"; }
fail() { say "FAIL: $*"; exit 1; }
compose() { podman-compose -p "$project" "${files[@]}" "$@" >>"$logs/podman-compose.log" 2>&1; }
# Containers, volumes and networks podman-compose made for this project carry this label.
label="io.podman.compose.project=$project"
# podman-compose's own python, with PyYAML; for the compose file and JSON answers.
py() { /usr/bin/python3 -c "$@"; }
json() { py "import json,sys; d=json.load(sys.stdin); print($1)"; }

# The container of a compose service (the first replica).
container_of() {
  podman ps -a --filter "label=$label" --filter "label=com.docker.compose.service=$1" --format '{{.Names}}' | head -n1
}

# Every service of the active profiles (podman-compose 1.0.3 does not read `profiles`).
services() {
  py "
import sys, yaml
services = {}
for f in sys.argv[1:]:
    for name, s in (yaml.safe_load(open(f)).get('services') or {}).items():
        services.setdefault(name, {}).update(s or {})
active = set('$profiles'.split(','))
print(' '.join(n for n, s in services.items() if not s.get('profiles') or active & set(s['profiles'])))
" docker-compose.yml containers/compose.podman.yml
}

down() {
  say "tearing down $project"
  # All at once (podman-compose stops them one after another).
  local ids
  ids=$(podman ps -q --filter "label=$label")
  [ -z "$ids" ] || podman stop -t 10 $ids >/dev/null
  # With -v: the anonymous volumes of the images' VOLUMEs (Redis's /data, Prometheus's
  # /prometheus) go with their containers; podman-compose removes only the named ones.
  ids=$(podman ps -aq --filter "label=$label")
  # (Podman without systemd says, for every container with a health check, that it has no
  # systemd timer to remove.)
  [ -z "$ids" ] || podman rm -f -v $ids 2> >(grep -v 'unable to get systemd connection' >&2) >/dev/null
  compose down -v -t 10 || true
  # podman-compose 1.0.3 leaves its network behind.
  ids=$(podman volume ls -q --filter "label=$label"); [ -z "$ids" ] || podman volume rm -f $ids >/dev/null
  ids=$(podman network ls -q --filter "label=$label"); [ -z "$ids" ] || podman network rm -f $ids >/dev/null
  local left
  left="$(podman ps -aq --filter "label=$label")$(podman volume ls -q --filter "label=$label")$(podman network ls -q --filter "label=$label")"
  [ -z "$left" ] || fail "left behind: $left"
  left=$(stale_network_state | paste -sd ',')
  [ -z "$left" ] || fail "left behind for $network: $left"
  # Unlabelled (anonymous) volumes made during this run.
  if [ -n "${volumes_before+set}" ]; then
    left=$(comm -13 <(echo "$volumes_before") <(podman volume ls -q | sort))
    [ -z "$left" ] || fail "volumes left behind: $left"
  fi
  # conmon processes of this project's containers (their command line names the container's bundle).
  if pgrep -af conmon | grep -q -- "$CONTAINERS_HOME/"; then
    pgrep -af conmon | grep -- "$CONTAINERS_HOME/" >&2
    fail "conmon processes of $CONTAINERS_HOME left"
  fi
  release_storage_mounts
  say "nothing of $project is left (containers, volumes, networks, DNS entries, DNAT rules, conmon)"
}

# Rootful Podman keeps two things of a network outside the project's storage, shared by every
# store on the machine: aardvark-dns's file for it (/run/containers/networks/aardvark-dns/<name>)
# and netavark's DNAT rules for its published ports (iptables, commented with its name). A run
# killed before its teardown (a clone deleted mid-run, a session that ended) leaves both behind,
# and the next network of the same name inherits them: aardvark keeps listening on the old
# gateway, so no service name resolves (the replicas never reach their primaries), and the old
# DNAT rules come first, so 127.0.0.1:8080 leads to a container that is gone.
network="${project}_default"
aardvark_dir=/run/containers/networks/aardvark-dns
stale_network_state() {
  [ ! -e "$aardvark_dir/$network" ] || echo "aardvark-dns entries"
  ! iptables -t nat -S NETAVARK-HOSTPORT-DNAT 2>/dev/null | grep -q -- "dnat name: $network " || echo "DNAT rules"
}
clear_stale_network_state() {
  local stale rules chains chain pid
  stale=$(stale_network_state | paste -sd ',')
  [ -n "$stale" ] || return 0
  say "clearing what a killed run of $network left on this machine: $stale"
  rm -f "$aardvark_dir/$network"
  pid=$(cat "$aardvark_dir/aardvark.pid" 2>/dev/null || true)
  # aardvark-dns re-reads its files on SIGHUP and stops listening on the old gateway.
  [ -z "$pid" ] || kill -HUP "$pid" 2>/dev/null || true
  rules=$(iptables -t nat -S NETAVARK-HOSTPORT-DNAT 2>/dev/null | grep -- "dnat name: $network " || true)
  chains=$(sed -n 's/.* -j \(NETAVARK-DN-[^ ]*\).*/\1/p' <<<"$rules" | sort -u)
  while read -r rule; do
    [ -z "$rule" ] || eval "iptables -t nat -D ${rule#-A }"
  done <<<"$rules"
  for chain in $chains; do
    iptables -t nat -F "$chain" && iptables -t nat -X "$chain" || true
  done
}

if [ "${1:-}" = down ]; then down; exit 0; fi
volumes_before=$(podman volume ls -q | sort)

for port in "$GATEWAY_HTTP_PORT" "$GATEWAY_HTTPS_PORT" ${profiles:+"$PROMETHEUS_PORT" "$ZIPKIN_PORT"}; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    fail "port $port is in use on 127.0.0.1; choose others (GATEWAY_HTTP_PORT=18080 ...)"
  fi
done
[ -n "$(podman ps -aq --filter "label=$label")" ] && fail "$project is already up; containers/compose-smoke.sh down"
podman network exists "$network" || clear_stale_network_state
trap 'say "FAIL: line $LINENO: $BASH_COMMAND"' ERR
[ "${KEEP:-}" = 1 ] || trap 'status=$?; [ $status -eq 0 ] || podman ps -a --filter "label=$label" --format "{{.Names}} {{.Status}}" >"$logs/ps-at-failure.txt"; down; exit $status' EXIT

# Runs each container's health check until every container that has one has passed it once.
# A container that passed is not checked again (each check is an exec into the container, and
# a dozen JVMs are starting on the same cores).
wait_healthy() {
  local deadline=$((SECONDS + $1)) pending name stuck
  local -A passed=()
  while :; do
    pending=()
    for name in $(podman ps --filter "label=$label" --format '{{.Names}}'); do
      [ -z "${passed[$name]:-}" ] || continue
      [ "$(podman inspect --format '{{if .Config.Healthcheck}}yes{{end}}' "$name")" = yes ] || continue
      if podman healthcheck run "$name" >/dev/null 2>&1; then passed[$name]=1; else pending+=("$name"); fi
    done
    if [ ${#pending[@]} -eq 0 ]; then
      # Nothing pending proves nothing if a container never started: it would not be listed.
      stuck=$(podman ps -a --filter "label=$label" --filter status=created --format '{{.Names}}' | paste -sd ' ')
      [ -z "$stuck" ] || fail "never started: $stuck (see $logs/podman-compose.log)"
      return 0
    fi
    [ $SECONDS -lt $deadline ] || fail "not healthy after $1 s: ${pending[*]}"
    sleep 5
  done
}

# One-shot services must have run to completion (exit code 0).
wait_completed() {
  local name state
  for service in "$@"; do
    name=$(container_of "$service")
    podman wait "$name" >/dev/null
    state=$(podman inspect --format '{{.State.ExitCode}}' "$name")
    [ "$state" = 0 ] || { podman logs "$name" >&2; fail "$service exited with $state"; }
  done
}

# The sidecars sync a copy of the corpus, so the run can add a document without touching corpus/.
rm -rf "$logs/corpus" && cp -r corpus "$logs/corpus"
export CORPUS_DIR="$logs/corpus"

all=$(services)
infrastructure=$(tr ' ' '\n' <<<"$all" | grep -E '^(redis|kafka|certs|blobs-init|content-sync|prometheus|zipkin)' | paste -sd ' ')
say "project $project, profiles '${profiles}': $(wc -w <<<"$all") services"
say "starting the infrastructure: $infrastructure"
# shellcheck disable=SC2086 # lists of service names
compose up -d $infrastructure
wait_completed certs blobs-init
wait_healthy 180
say "infrastructure healthy; starting the apps"
# shellcheck disable=SC2086
compose up -d $all
wait_healthy "${APPS_HEALTHY_WITHIN:-600}"
say "all $(podman ps --filter "label=$label" | tail -n +2 | wc -l) containers up, every health check passing"
podman stats --no-stream --format '{{.Name}} {{.MemUsage}} {{.CPUPerc}}' \
  $(podman ps -q --filter "label=$label") | sed "s/^${project}_//" | sort >"$logs/stats.txt"
say "memory: $(awk '{ split($2, m, /[A-Za-z]+/); u = $2; v = m[1]; if (u ~ /GB/) v *= 1000; else if (u ~ /kB/) v /= 1000; s += v } END { printf "%.0f MB in %d containers", s, NR }' "$logs/stats.txt")"

# --- one request of each kind through the gateway -----------------------------------------------
curl_json() { curl -fsS --max-time 10 "$@"; }
# Ready is not warm: a first request may still meet lazy initialisation behind the gateway's
# time limits (1-2 s), on a busy machine more so. The first call of each kind may take a while.
first() {
  local deadline=$((SECONDS + 90))
  until "$@" 2>>"$logs/first-attempts.log"; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 2
  done
}

first curl -fsS --max-time 5 -o /dev/null -X PUT -H 'Content-Type: text/plain' --data-binary 'hello compose' \
  "$gateway/api/v1/cache/smoke-greeting" || fail "cache PUT"
value=$(first curl -fsS --max-time 5 "$gateway/api/v1/cache/smoke-greeting") || fail "cache GET"
[ "$value" = "hello compose" ] || fail "cache GET answered '$value'"
say "cache: PUT and GET /api/v1/cache/smoke-greeting through the gateway"
# Keys spread over every shard, and each reads back what was written.
spread=$(for i in $(seq 1 30); do
  curl -fsS --max-time 5 -D - -o /dev/null -X PUT -H 'Content-Type: text/plain' --data-binary "value $i" \
    "$gateway/api/v1/cache/spread-$i" | tr -d '\r' | sed -n 's/^X-Cache-Shard: //Ip'
done | sort -u | paste -sd ' ') || fail "cache PUTs of spread-1..30"
[ "$spread" = "shard-0 shard-1 shard-2" ] || fail "30 keys landed on shards '$spread', not on all three"
for i in $(seq 1 30); do
  value=$(curl -fsS --max-time 5 "$gateway/api/v1/cache/spread-$i") || fail "cache GET spread-$i"
  [ "$value" = "value $i" ] || fail "spread-$i read back as '$value'"
done
say "cache: 30 keys spread over shard-0, shard-1 and shard-2, each read back"

# A leaf's first query can miss search-root's 1 s deadline while its JVM warms up, and the
# answer is then rightly partial: asked again (k changes, past the gateway's response cache)
# until every shard answers in time.
deadline=$((SECONDS + 90)) k=20 tries=0
until result=$(curl_json "$gateway/api/v1/search?q=cat%20AND%20dog&k=$k" 2>>"$logs/first-attempts.log") \
  && shards=$(json "sorted({h['shard'] for h in d['hits']}), d['partial']" <<<"$result") \
  && [ "$shards" = "[0, 1, 2] False" ]; do
  [ $SECONDS -lt $deadline ] || fail "search cat AND dog: shards, partial = ${shards:-no answer}"
  k=$((k + 1)) tries=$((tries + 1)); sleep 2
done
say "search: 'cat AND dog' has hits from shards 0, 1 and 2, not partial ($tries warm-up answers before)"

# TLS termination: HTTPS in (self-signed, made by the certs job), plain HTTP behind.
first curl -fsS --max-time 5 -k -o /dev/null "https://127.0.0.1:$GATEWAY_HTTPS_PORT/api/v1/search?q=cat" \
  || fail "HTTPS on $GATEWAY_HTTPS_PORT"
say "TLS: the same search over https://127.0.0.1:$GATEWAY_HTTPS_PORT"

# Management off the public listeners: actuator answers on each container's port 9464 only
# (Prometheus scrapes it there), so both of the gateway's public ports give a 404 problem.
for url in "$gateway/actuator/prometheus" "https://127.0.0.1:$GATEWAY_HTTPS_PORT/actuator/prometheus"; do
  answer=$(curl -sk --max-time 5 -o /dev/null -w '%{http_code} %{content_type}' "$url") || true
  [ "$answer" = "404 application/problem+json" ] || fail "$url answered '$answer', not a 404 problem"
done
say "management: /actuator/prometheus on the public 8080 and 8443 is a 404 problem"

job=$(first curl_json -F 'file=@load-tests/src/test/resources/picture.png;type=image/png' "$gateway/api/v1/jobs" \
  | json "d['id']") || fail "job upload"
deadline=$((SECONDS + 60))
until [ "$(curl_json "$gateway/api/v1/jobs/$job" | json "d['state']")" = done ]; do
  [ $SECONDS -lt $deadline ] || fail "job $job not done after 60 s: $(curl -sS "$gateway/api/v1/jobs/$job")"
  sleep 1
done
say "thumbnailer: job $job uploaded through the gateway is done"

leader=$(first curl_json "$gateway/api/v1/election/leader") || fail "election leader"
read -r holder token < <(json "d['leader'], d['token']" <<<"$leader" | tr -d "(),'")
[ -n "$holder" ] && [ "$holder" != None ] || fail "no leader: $leader"
say "election: leader $holder, token $token"

# The pattern console reads the same services (their metrics on the management port): it
# names a leader, the three cache shards, the four leaves answering and the gateway's routes.
console_view() {
  curl_json "$console/api/snapshot" | json "d['election']['leader'], len(d['cache']['shards']), \
    sum(1 for l in d['search']['leaves'] if not l['problem']), len(d['gateway']['routes'])" | tr -d "(),'"
}
deadline=$((SECONDS + 60))
until read -r c_leader c_shards c_leaves c_routes < <(console_view 2>/dev/null) \
    && [ "$c_leader" != None ] && [ "$c_shards" = 3 ] && [ "$c_leaves" = 4 ] && [ "$c_routes" -ge 1 ]; do
  [ $SECONDS -lt $deadline ] || fail "console: $(curl -sS "$console/api/snapshot" | head -c 2000)"
  sleep 2
done
say "console: leader $c_leader, $c_shards cache shards, $c_leaves leaves answering, $c_routes gateway routes"

# A job that cannot be done: bytes that only claim to be a PNG. Its records are retried, then
# dead-lettered, and the job fails with the reason.
head -c 2048 /dev/urandom >"$logs/not-a.png"
job=$(curl_json -F "file=@$logs/not-a.png;type=image/png" "$gateway/api/v1/jobs" | json "d['id']")
deadline=$((SECONDS + 60))
until [ "$(curl_json "$gateway/api/v1/jobs/$job" | json "d['state']")" = failed ]; do
  [ $SECONDS -lt $deadline ] || fail "job $job with a broken PNG not failed after 60 s"
  sleep 1
done
say "thumbnailer: job $job with a broken PNG failed: $(curl_json "$gateway/api/v1/jobs/$job" | json "d['reason']")"

# Sidecar: a document added to the corpus directory reaches the leaves through their content-sync
# containers (rsync every 5 s), which re-index it (every 2 s); then the search finds it.
mkdir -p "$CORPUS_DIR/added"
echo '{"id": "smoke-1", "title": "The Quokka in the Compose File", "body": "A quokka synced by a sidecar."}' \
  >"$CORPUS_DIR/added/smoke.jsonl"
# (k changes each time: the gateway's response cache would answer the same query for 30 s.)
deadline=$((SECONDS + 60)) k=30
until [ "$(curl_json "$gateway/api/v1/search?q=quokka&k=$k" | json "[h['id'] for h in d['hits']]")" = "['smoke-1']" ]; do
  [ $SECONDS -lt $deadline ] || fail "the document added to $CORPUS_DIR was not found within 60 s"
  k=$((k - 1)); sleep 2
done
say "sidecar: a document added to the corpus directory was synced into the leaves and found"

# Hot sharding: 60 reads of one key within the detector's window make it hot, and the near
# cache answers the rest without asking its shard.
for i in $(seq 1 60); do curl -fsS -o /dev/null --max-time 5 "$gateway/api/v1/cache/smoke-greeting"; done
say "cache: 60 reads of smoke-greeting (a hot key)"

# Metrics that appear on the first event: a burst over the search route's limit (20) gives 429s.
for i in $(seq 1 30); do
  curl -s -o /dev/null --max-time 5 "$gateway/api/v1/experiment/search?q=dog&k=$i" &
done
wait

# --- faults --------------------------------------------------------------------------------------
# A frozen leaf (its processes paused: connections open, no answer) costs a partial answer at
# search-root's deadline (1 s), not a wait for the leaf: well within the 5 s allowed here.
podman pause "$(container_of search-leaf-1)" >/dev/null
asked=$(date +%s%N)
verdict=$(curl_json "$gateway/api/v1/search?q=cat%20AND%20dog&k=18" \
  | json "d['partial'], d['missingShards'], sorted({h['shard'] for h in d['hits']})") || verdict="no answer"
took_ms=$((($(date +%s%N) - asked) / 1000000))
podman unpause "$(container_of search-leaf-1)" >/dev/null
[ "$verdict" = "True [1] [0, 2]" ] || fail "leaf 1 frozen: partial, missing, shards = $verdict"
[ "$took_ms" -lt 5000 ] || fail "leaf 1 frozen: the partial answer took $took_ms ms"
say "fault 1a: search-leaf-1 frozen -> partial answer in $took_ms ms, shard 1 missing"
podman stop -t 5 "$(container_of search-leaf-1)" >/dev/null
# A query the gateway has not cached yet (its response cache keeps answers 30 s).
deadline=$((SECONDS + 20)) k=19
until verdict=$(curl_json "$gateway/api/v1/search?q=cat%20AND%20dog&k=$k" \
    | json "d['partial'], d['missingShards'], sorted({h['shard'] for h in d['hits']})") \
  && [ "$verdict" = "True [1] [0, 2]" ]; do
  [ $SECONDS -lt $deadline ] || fail "leaf 1 stopped: partial, missing, shards = ${verdict:-no answer}"
  k=$((k - 1)); sleep 1
done
say "fault 1b: search-leaf-1 stopped -> partial answer, shard 1 missing, hits from shards 0 and 2"
podman start "$(container_of search-leaf-1)" >/dev/null
leaf_restarted=$SECONDS

killed_at=$SECONDS
podman kill "$(container_of "$holder")" >/dev/null
deadline=$((SECONDS + 20))
while :; do
  # Right after the kill, a call may meet the dead replica until the gateway's health check drops it.
  now='' now_token=0
  if answer=$(curl -fsS --max-time 3 "$gateway/api/v1/election/leader" 2>/dev/null); then
    read -r now now_token < <(json "d['leader'], d['token']" <<<"$answer" | tr -d "(),'") || true
  fi
  if [ -n "${now:-}" ] && [ "$now" != None ] && [ "$now" != "$holder" ] && [ "${now_token:-0}" -gt "$token" ]; then
    break
  fi
  [ $SECONDS -lt $deadline ] || fail "no new leader 20 s after $holder was killed"
  sleep 0.5
done
say "fault 2: $holder killed -> $now leads with token $now_token after $((SECONDS - killed_at)) s"
# Only the leader acts: the new leader says so of itself (once it has taken in its own
# acquisition), and a follower names the same leader and does not act.
deadline=$((SECONDS + 15)) views=''
until grep -qx "$now True $now" <<<"$views" && grep -qE "^[^ ]+ False $now\$" <<<"$views" \
  && ! grep -qvE "^$now True $now\$|^[^ ]+ False $now\$" <<<"$views"; do
  [ $SECONDS -lt $deadline ] || fail "after the kill, the replicas' views (self, acting, leader): $(paste -sd ',' <<<"$views")"
  views=$(for session in $(seq 1 12); do
    curl -fsS --max-time 3 --cookie "suite-session=acting-$session" "$gateway/api/v1/election/leader" 2>/dev/null \
      | json "d['self']['id'], d['self']['acting'], d['leader']" 2>/dev/null | tr -d "(),'" || true
  done | sort -u)
  sleep 1
done
say "fault 2: $now acts, a follower names it and does not act"
podman start "$(container_of "$holder")" >/dev/null
replica_restarted=$SECONDS

key=smoke-failover
shard=$(first curl -fsS --max-time 5 -D - -o /dev/null -X PUT -H 'Content-Type: text/plain' --data-binary 'kept on the replica' \
  "$gateway/api/v1/cache/$key" | tr -d '\r' | sed -n 's/^X-Cache-Shard: //Ip')
[ -n "$shard" ] || fail "PUT $key: no X-Cache-Shard"
# The replica has it before its primary goes (WAIT: until one replica acknowledged every write).
primary=$(container_of "redis-$shard")
[ "$(podman exec "$primary" redis-cli wait 1 5000)" = 1 ] || fail "redis-$shard's replica did not catch up"
podman stop -t 5 "$primary" >/dev/null
deadline=$((SECONDS + 15))
while :; do
  source=$(curl -s --max-time 5 -D - -o "$logs/failover-body" "$gateway/api/v1/cache/$key" \
    | tr -d '\r' | sed -n 's/^X-Cache-Source: //Ip')
  [[ "$source" == replica-* ]] && [ "$(cat "$logs/failover-body")" = 'kept on the replica' ] && break
  [ $SECONDS -lt $deadline ] || fail "$key on $shard: X-Cache-Source '$source' after its primary stopped"
  sleep 0.5
done
answer=$(curl -s --max-time 5 -o /dev/null -w '%{http_code} %{content_type}' -X PUT -H 'Content-Type: text/plain' \
  --data-binary 'not while the primary is down' "$gateway/api/v1/cache/$key")
[ "$answer" = "503 application/problem+json" ] || fail "PUT $key with its primary down: '$answer', not a 503 problem"
for i in $(seq 1 30); do
  other=$(curl -fsS --max-time 5 -D - -o /dev/null -X PUT -H 'Content-Type: text/plain' --data-binary 'still writable' \
    "$gateway/api/v1/cache/spread-$i" | tr -d '\r' | sed -n 's/^X-Cache-Shard: //Ip') || continue
  [ "$other" = "$shard" ] || break
done
[ -n "$other" ] && [ "$other" != "$shard" ] || fail "no write to another shard than $shard accepted"
say "fault 3: redis-$shard stopped -> $key read from $shard's $source, its writes refused (503), $other still writable"
podman start "$primary" >/dev/null
primary_restarted=$SECONDS

# --- and the suite heals: restarted containers come back at new addresses under their names ------
deadline=$((SECONDS + 30))
until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -X PUT -H 'Content-Type: text/plain' \
    --data-binary 'written again' "$gateway/api/v1/cache/$key")" = 204 ]; do
  [ $SECONDS -lt $deadline ] || fail "redis-$shard restarted: writes to $shard still refused after 30 s"
  sleep 1
done
say "healed: writes to $shard accepted $((SECONDS - primary_restarted)) s after redis-$shard restarted"
# (A query of its own, k from 21 to 50: the gateway caches each distinct answer for 30 s.)
deadline=$((SECONDS + 120)) k=21
until [ "$(curl_json "$gateway/api/v1/search?q=dog%20AND%20cat&k=$k" | json "d['partial']" 2>/dev/null)" = False ]; do
  [ $SECONDS -lt $deadline ] || fail "search-leaf-1 restarted: answers still partial after 120 s"
  k=$((k % 50 + 1)); [ $k -gt 20 ] || k=21; sleep 2
done
say "healed: complete answers again $((SECONDS - leaf_restarted)) s after search-leaf-1 restarted"
# The gateway spreads sessions over the replicas its health checks find ready; once the killed
# replica is back (at a new address), some of 30 sessions are its own again.
deadline=$((SECONDS + 150))
while :; do
  answered_by=$(for session in $(seq 1 30); do
    curl -fsS --max-time 3 --cookie "suite-session=smoke-$session" "$gateway/api/v1/election/leader" 2>/dev/null \
      | json "d['self']['id']" 2>/dev/null || true
  done)
  grep -qx "$holder" <<<"$answered_by" && break
  [ $SECONDS -lt $deadline ] || fail "$holder restarted: the gateway sent it no session within 150 s"
  sleep 3
done
say "healed: the gateway sends sessions to $holder again $((SECONDS - replica_restarted)) s after it restarted"

# --- every dashboard panel's query finds series in Prometheus ------------------------------------
if tr ' ' '\n' <<<"$all" | grep -qx prometheus; then
  # Two scrapes (5 s apart) after the traffic, for the rates. Some series come late: Micrometer
  # binds a Kafka consumer's per-partition lag gauges on a schedule, after its assignment.
  sleep 15
  queries=$(py "
import glob, json
for f in sorted(glob.glob('observability/grafana/dashboards/*.json')):
    d = json.load(open(f))
    for p in d['panels']:
        for t in p.get('targets', []):
            print(d['title'], p['title'], t['expr'].replace('\$__rate_interval', '1m'), sep='\t')
")
  deadline=$((SECONDS + 60))
  while :; do
    empty=()
    while IFS=$'\t' read -r dashboard title expr; do
      series=$(curl -fsS --max-time 10 --data-urlencode "query=$expr" "$prometheus/api/v1/query" \
        | json "len(d['data']['result'])") || fail "Prometheus did not answer: $expr"
      [ "$series" -gt 0 ] || empty+=("$dashboard / $title: $expr")
    done <<<"$queries"
    [ ${#empty[@]} -eq 0 ] && break
    if [ $SECONDS -ge $deadline ]; then
      printf '  no series: %s\n' "${empty[@]}"
      fail "${#empty[@]} of $(wc -l <<<"$queries") dashboard queries found no series"
    fi
    sleep 5
  done
  say "prometheus: all $(wc -l <<<"$queries") dashboard queries find series"
  curl -fsS --max-time 5 "http://127.0.0.1:$ZIPKIN_PORT/api/v2/services" >"$logs/zipkin-services.json"
  say "zipkin: traces from $(json "', '.join(d)" <"$logs/zipkin-services.json")"
fi

say "smoke test passed"
