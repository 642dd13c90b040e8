#!/usr/bin/env bash
# make loadtest: wrk against the loyalty-server proxy (built with the `server` profile) on
# loopback, with a stub upstream that answers in 50 ms: one instance, then two instances sharing
# a real redis-server. Prints requests per second, p50 and p99 latency, the upstream calls
# counted by the stub and the proxies' peak RSS for each scenario; for the Redis rows also the
# round trips to Redis per request (from the proxies' metrics) and the commands Redis processed
# per request (from its INFO). Figures, not assertions.
set -euo pipefail

SERVER=${SERVER:-target/server/loyalty-server}
STUB=${STUB:-target/server/examples/stub_upstream}
REDIS_SERVER=${REDIS_SERVER:-/usr/bin/redis-server}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
OUT=target/loadtest
mkdir -p "$OUT"

export LOADTEST_API_KEY=loadtest-key
export LOADTEST_SECRET=loadtest-secret-0123456789-0123456789-abc

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
trap 'echo "loadtest: stopped by a failure at line $LINENO (logs in $OUT/)" >&2' ERR

# Starts a program in the background, logging to $1; its pid in $started.
launch() {
  local log=$1; shift
  # Emptied here, not by the background job's redirection: address_in must never read the
  # previous run's address from it (a dead port: curl exits 7).
  : >"$log"
  "$@" >>"$log" 2>&1 &
  started=$!
  pids+=("$started")
}

# The ADDRESS of "... on http://ADDRESS" in log $1, once process $2 has printed it.
address_in() {
  local log=$1 pid=$2 address
  for _ in $(seq 200); do
    address=$(sed -n 's/.* on http:\/\/\([0-9.:]*\)$/\1/p' "$log" | head -1)
    if [ -n "$address" ]; then echo "$address"; return; fi
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.05
  done
  echo "no address in $log" >&2; exit 1
}

launch "$OUT/stub.log" "$STUB" --delay-ms 50
stub=$(address_in "$OUT/stub.log" "$started")
upstream_calls() { curl -sf "http://$stub/calls"; }

printf '%-48s %9s %9s %9s %9s %9s %10s %9s\n' scenario req/s p50 p99 non-2xx errors upstream "peak RSS"

# run NAME "PROXY FLAGS" PATH SCRIPT [HEADER]
run() {
  local name=$1 flags=$2 path=$3 script=$4 header=${5:-}
  local address pid before after result rss
  local headers=()
  if [ -n "$header" ]; then headers=(-H "$header"); fi
  # shellcheck disable=SC2086
  launch "$OUT/proxy.log" "$SERVER" proxy --port 0 --upstream "http://$stub" \
         --api-key-env LOADTEST_API_KEY --client-per-minute 0 $flags
  pid=$started
  address=$(address_in "$OUT/proxy.log" "$pid")
  # Warms the cache, for the cached scenarios.
  curl -s -o /dev/null "${headers[@]}" "http://$address$path"
  before=$(upstream_calls)
  result=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s "${headers[@]}" \
             -s "tests/load/$script" "http://$address$path" | sed -n 's/^RESULT //p')
  after=$(upstream_calls)
  rss=$(awk '/VmHWM/ { printf "%.1f MiB", $2 / 1024 }' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  eval "$result"
  printf '%-48s %9s %7sms %7sms %9s %9s %10s %9s\n' "$name" "$rps" "$p50_ms" "$p99_ms" \
    "$non2xx" "$errors" "$((after - before))" "$rss"
}

# The machine's ceiling for comparison: a trivial axum handler (the stub's /calls) under the same
# wrk load, on the same cores.
result=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s tests/load/report.lua \
           "http://$stub/calls" | sed -n 's/^RESULT //p')
eval "$result"
printf '%-48s %9s %7sms %7sms %9s %9s %10s %9s\n' "baseline: trivial handler, not the proxy" \
  "$rps" "$p50_ms" "$p99_ms" "$non2xx" "$errors" - -

member='/v2/users/alice@crowdtwist.com/points?id_type=email'
token=$("$SERVER" mint-token --secret-env LOADTEST_SECRET --user-id alice@crowdtwist.com \
          --id-type email --ttl 3600)

run "cached member (public)" "--public-members" "$member" report.lua
run "cached member, with tokens" "--member-token-secret-env LOADTEST_SECRET" "$member" \
    report.lua "X-Member-Token: $token"
run "distinct members within budget (1,000,000/min)" \
    "--public-members --upstream-per-minute 1000000" /v2/users/first/points distinct.lua
run "distinct members over budget (10,000/min)" "--public-members" /v2/users/first/points \
    distinct.lua

## Two instances sharing Redis ####################################################################

# redis-server on a free loopback port (it cannot pick one itself): ports below Linux's ephemeral
# range, tried until one works.
mkdir -p "$OUT/redis"
redis_port=
for port in $(shuf -i 20000-32000 -n 20); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
  launch "$OUT/redis.log" "$REDIS_SERVER" --bind 127.0.0.1 --port "$port" --dir "$OUT/redis" \
    --save '' --appendonly no
  for _ in $(seq 200); do
    if redis-cli -p "$port" ping >/dev/null 2>&1; then redis_port=$port; break; fi
    kill -0 "$started" 2>/dev/null || break
    sleep 0.05
  done
  [ -n "$redis_port" ] && break
  kill "$started" 2>/dev/null || true
done
[ -n "$redis_port" ] || { cat "$OUT/redis.log" >&2; echo "redis-server did not start" >&2; exit 1; }
redis() { redis-cli -p "$redis_port" "$@"; }
redis_commands() { redis info stats | sed -n 's/^total_commands_processed:\([0-9]*\).*/\1/p'; }
# Round trips the two proxies made to Redis, their health probes aside.
round_trips() {
  local total=0 m
  for m in "$@"; do
    total=$((total + $(curl -sf "http://$m/metrics" \
      | awk '/^loyalty_redis_round_trips_total/ && !/op="ping"/ { s += $2 } END { print s + 0 }')))
  done
  echo "$total"
}

echo
printf '%-48s %9s %9s %9s %9s %9s %10s %9s %9s %9s\n' "two instances + redis" req/s p50 p99 non-2xx \
  errors upstream "peak RSS" "rt/req" "cmd/req"

row=0
# run_two NAME "PROXY FLAGS" PATH MEMBERS [HEADER]
run_two() {
  local name=$1 flags=$2 path=$3 members=$4 header=${5:-}
  local pids_here=() targets=() metrics=() address metrics_address i before after result rss
  local trips_before trips_after commands_before commands_after
  local headers=() client=(--client-per-minute 0)
  if [ -n "$header" ]; then headers=(-H "$header"); fi
  if [[ $flags == *--client-per-minute* ]]; then client=(); fi
  redis flushall >/dev/null
  row=$((row + 1))
  for i in 1 2; do
    # shellcheck disable=SC2086
    launch "$OUT/two-$row-proxy-$i.log" "$SERVER" proxy --port 0 --upstream "http://$stub" \
           --api-key-env LOADTEST_API_KEY "${client[@]}" \
           --redis "redis://127.0.0.1:$redis_port/0" --instances 2 --metrics-bind 127.0.0.1:0 $flags
    pids_here+=("$started")
    address=$(address_in "$OUT/two-$row-proxy-$i.log" "$started")
    for _ in $(seq 100); do
      metrics_address=$(sed -n 's/.*metrics at http:\/\/\([0-9.:]*\)\/metrics$/\1/p' \
        "$OUT/two-$row-proxy-$i.log")
      [ -n "$metrics_address" ] && break
      sleep 0.05
    done
    targets+=("$address")
    metrics+=("$metrics_address")
  done
  # Warms the shared cache through the first instance, for the cached scenarios.
  curl -s -o /dev/null "${headers[@]}" "http://${targets[0]}$path"
  before=$(upstream_calls)
  trips_before=$(round_trips "${metrics[@]}")
  commands_before=$(redis_commands)
  result=$(TARGETS="${targets[*]}" MEMBERS="$members" \
             wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s "${headers[@]}" \
             -s tests/load/two.lua "http://${targets[0]}$path" | sed -n 's/^RESULT //p')
  commands_after=$(redis_commands)
  trips_after=$(round_trips "${metrics[@]}")
  after=$(upstream_calls)
  rss=$(for pid in "${pids_here[@]}"; do awk '/VmHWM/ { print $2 }' "/proc/$pid/status"; done \
          | sort -n | tail -1 | awk '{ printf "%.1f MiB", $1 / 1024 }')
  for pid in "${pids_here[@]}"; do kill "$pid"; wait "$pid" 2>/dev/null || true; done
  eval "$result"
  printf '%-48s %9s %7sms %7sms %9s %9s %10s %9s %9s %9s\n' "$name" "$rps" "$p50_ms" "$p99_ms" \
    "$non2xx" "$errors" "$((after - before))" "$rss" \
    "$(awk -v t=$((trips_after - trips_before)) -v r="$requests" 'BEGIN { printf "%.2f", t / r }')" \
    "$(awk -v c=$((commands_after - commands_before)) -v r="$requests" 'BEGIN { printf "%.2f", c / r }')"
}

run_two "cached member, with tokens" "--member-token-secret-env LOADTEST_SECRET" "$member" "" \
    "X-Member-Token: $token"
run_two "cached member, tokens, client limit in redis" \
    "--member-token-secret-env LOADTEST_SECRET --client-per-minute 4000000000" "$member" "" \
    "X-Member-Token: $token"
run_two "2,000 members asked on both (30 s cache)" "--public-members --upstream-per-minute 1000000" \
    /v2/users/first/points 2000
run_two "distinct members within budget (1,000,000/min)" \
    "--public-members --upstream-per-minute 1000000" /v2/users/first/points distinct
run_two "distinct members over budget (10,000/min)" "--public-members" /v2/users/first/points \
    distinct

echo
echo "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s on loopback, $(nproc) cores; the stub upstream answers in"
echo "50 ms; the proxies run with --client-per-minute 0 (unless said) and log to $OUT/. Over budget,"
echo "the budget allows 1,000 calls at once, then 150 a second (at most 10,000 in any minute), for"
echo "one instance alone and for two sharing Redis alike. With two instances, each wrk thread (half"
echo "the connections) asks one instance; rt/req is round trips to Redis per request (the proxies'"
echo "metrics, health probes aside), cmd/req the commands Redis processed per request (its INFO,"
echo "scripts' own commands included)."
echo "Load average now: $(cut -d' ' -f1-3 /proc/loadavg) (other work on these cores lowers every row)."
