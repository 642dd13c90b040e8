#!/usr/bin/env bash
# make loadtest: wrk against the release loyalty-server proxy on loopback, with a stub upstream
# that answers in 50 ms. Prints requests per second, p50 and p99 latency, the upstream calls
# counted by the stub, and the proxy's peak RSS, for each scenario. Figures, not assertions.
set -euo pipefail

SERVER=${SERVER:-target/release/loyalty-server}
STUB=${STUB:-target/release/examples/stub_upstream}
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

# Starts a program in the background, logging to $1; its pid in $started.
launch() {
  local log=$1; shift
  "$@" >"$log" 2>&1 &
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

echo
echo "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s on loopback, $(nproc) cores; the stub upstream answers in"
echo "50 ms; the proxy runs with --client-per-minute 0 and logs to $OUT/proxy.log. Over budget,"
echo "the budget allows 1,000 calls at once, then 150 a second (at most 10,000 in any minute)."
echo "Load average now: $(cut -d' ' -f1-3 /proc/loadavg) (other work on these cores lowers every row)."
