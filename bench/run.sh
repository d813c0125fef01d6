#!/usr/bin/env bash
# HTTP benchmark: the requests per second and p99 latency gongshu achieves on named workloads,
# each measured beside nginx serving the same bytes on the same machine in the same run.
#
# nginx is the anchor because it is the fastest ordinary way to put these exact bytes on the
# wire: for each workload the body gongshu answers is saved once and nginx serves it as a static
# file. The ratio gongshu/nginx therefore prices what gongshu does per request (routing, access
# decision, store read, JSON encoding) against a server that only sends a file, and it stays
# comparable across machines where absolute numbers do not. Both servers run one worker per core
# and write an access log line per request to a file.
#
# Workloads:
#   GET /healthz                     the cheapest route: the fixed cost of gongshu's HTTP stack
#   GET /api/v1/organizations/{id}   an anonymous read through the store and the JSON encoder
#
# Each run is wrk with 64 connections and 2 threads: 2 s of warm-up, then BENCH_SECONDS (default
# 10) measured. The sha256 of each body is printed so a speedup that changes the answer is
# caught. The table is a report: a ratio below target does not fail the run, but bodies that
# differ between gongshu and nginx, or a gongshu access log that did not record the load, do.
# Everything runs on 127.0.0.1 in a temporary directory that is removed at the end, with the
# servers it started.
#
# Then the ledger benchmark (bench/ledger_bench.cc): acknowledged durable appends per second and
# inclusion proof latency, its logs in a directory below the same temporary directory, with the
# HTTP servers stopped first so that they do not share the machine with it.
#
# Then the catalog search benchmark (bench/search/run_search_bench.sh): search QPS and p50/p99 over
# HTTP beside PostgreSQL full-text search on the same catalog and queries; BENCH_SEARCH=0 skips it.
#
# Last the dataset benchmark (bench/dataset/run_dataset_bench.sh): `gongshu import` of a
# 5,000,000-row CSV beside sqlite3's .import, its de-identified CSV download beside sqlite3 -csv,
# and the row API under 64 connections; BENCH_DATASET=0 skips it.
#
# usage: bench/run.sh BUILD_DIR   (make bench); the tables also go to BUILD_DIR/bench-http.txt,
# BUILD_DIR/bench-ledger.txt, BUILD_DIR/bench-search.txt and BUILD_DIR/bench-dataset.txt.
set -euo pipefail

build=${1:?usage: bench/run.sh BUILD_DIR}
gongshu=$build/src/cli/gongshu
ledger_bench=$build/bench/ledger_bench
nginx=/usr/sbin/nginx
wrk=/usr/bin/wrk
measure_seconds=${BENCH_SECONDS:-10}
warmup_seconds=2
connections=64
threads=2
startup_seconds=10
output=$build/bench-http.txt

die() {
  echo "bench: $*" >&2
  exit 1
}

[[ $measure_seconds =~ ^[1-9][0-9]*$ ]] || die "BENCH_SECONDS must be a positive integer"
[ -x "$gongshu" ] || die "$gongshu is missing; run make build"
[ -x "$ledger_bench" ] || die "$ledger_bench is missing; run make build"
for tool in "$nginx" "$wrk" curl python3 sha256sum; do
  command -v "$tool" >/dev/null || die "$tool is missing; run make deps"
done

# The servers' settings come from this script only.
for variable in $(compgen -e GONGSHU_ || true); do
  unset "$variable"
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gongshu-bench.XXXXXX")
server_pids=()

stop_process() {
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  for pid in "${server_pids[@]}"; do
    stop_process "$pid"
  done
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# fail_with_log NAME LOG MESSAGE: stop the run, showing the end of a server's log.
fail_with_log() {
  echo "bench: $1: $3; the end of $2:" >&2
  tail -n 20 "$2" >&2 || true
  exit 1
}

# wait_until NAME PID LOG COMMAND...: poll COMMAND until it succeeds while the server lives.
wait_until() {
  local name=$1 pid=$2 log=$3
  shift 3
  local deadline=$((SECONDS + startup_seconds))
  until "$@"; do
    kill -0 "$pid" 2>/dev/null || fail_with_log "$name" "$log" "exited while starting"
    ((SECONDS < deadline)) || fail_with_log "$name" "$log" "not ready within ${startup_seconds} s"
    sleep 0.1
  done
}

answers_200() {
  [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" || true)" = 200 ]
}

free_port() {
  python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

# fetch URL FILE: save a 2xx body exactly as served.
fetch() {
  curl -sf --max-time 5 -o "$2" "$1" || die "GET $1 failed"
}

body_hash() {
  local file=$tmp/body.$$
  fetch "$1" "$file"
  sha256sum "$file" | cut -c1-64
}

start_gongshu() {
  "$gongshu" demo --data-dir "$tmp/data" >/dev/null
  GONGSHU_ACCESS_LOG=$tmp/access.log GONGSHU_RATE_LIMIT_PER_ADDRESS=0 \
    "$gongshu" serve --data-dir "$tmp/data" --listen 127.0.0.1:0 --port-file "$tmp/port" \
    >"$tmp/gongshu.log" 2>&1 &
  gongshu_pid=$!
  server_pids+=("$gongshu_pid")
  wait_until gongshu "$gongshu_pid" "$tmp/gongshu.log" test -s "$tmp/port"
  local port
  port=$(<"$tmp/port")
  [[ $port =~ ^[0-9]+$ ]] || die "gongshu wrote a port file without a port: $port"
  gongshu_url=http://127.0.0.1:$port
  wait_until gongshu "$gongshu_pid" "$tmp/gongshu.log" answers_200 "$gongshu_url/readyz"
}

# temp_paths: one *_temp_path directive inside $tmp for each module this nginx has.
temp_paths() {
  local configure module
  configure=$("$nginx" -V 2>&1)
  echo "client_body_temp_path $tmp/nginx/client_body;"
  for module in proxy fastcgi uwsgi scgi; do
    [[ $configure == *--without-http_${module}_module* ]] ||
      echo "${module}_temp_path $tmp/nginx/$module;"
  done
}

start_nginx() {
  local port user_directive=
  port=$(free_port)
  # As root, nginx would run its workers as nobody, who cannot read the 0700 temporary directory.
  [ "$(id -u)" -ne 0 ] || user_directive='user root;'
  mkdir -p "$tmp/nginx"
  cat >"$tmp/nginx.conf" <<EOF
daemon off;
master_process on;
worker_processes $(nproc);
$user_directive
error_log $tmp/nginx-error.log;
pid $tmp/nginx.pid;
events {}
http {
  access_log $tmp/nginx-access.log;
  keepalive_requests 100000;
  default_type application/json;
  $(temp_paths)
  server {
    listen 127.0.0.1:$port;
    root $tmp/www;
    location / {}
  }
}
EOF
  "$nginx" -p "$tmp/nginx" -e "$tmp/nginx-error.log" -c "$tmp/nginx.conf" >"$tmp/nginx.log" 2>&1 &
  nginx_pid=$!
  server_pids+=("$nginx_pid")
  nginx_url=http://127.0.0.1:$port
  wait_until nginx "$nginx_pid" "$tmp/nginx-error.log" answers_200 "$nginx_url/healthz"
}

first_organization_id() {
  curl -sf --max-time 5 "$gongshu_url/api/v1/organizations?limit=1" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["items"][0]["id"])' ||
    die "could not read an organization id from $gongshu_url/api/v1/organizations"
}

# to_ms VALUE: wrk prints durations as 812.00us, 1.25ms, 2.01s or 1.00m.
to_ms() {
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v) }
    else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 }
    else if (v ~ /m$/) { sub(/m$/, "", v); v *= 60000 }
    else { v = "?" }
    if (v == "?") print v; else printf "%.2f", v
  }'
}

# run_wrk SECONDS URL [OPTION...]: one wrk run, killed if it outlives its duration by far.
run_wrk() {
  local duration=$1 url=$2
  shift 2
  timeout --foreground $((duration + 30)) \
    "$wrk" -t "$threads" -c "$connections" -d "${duration}s" "$@" "$url"
}

# measure SERVER URL: warm up, then a measured wrk run; sets rps, p99_ms, requests and warnings.
measure() {
  local server=$1 url=$2 report=$tmp/wrk.txt errors non_2xx
  run_wrk "$warmup_seconds" "$url" >/dev/null || die "wrk warm-up against $server $url failed"
  run_wrk "$measure_seconds" "$url" --latency >"$report" || die "wrk against $server $url failed"
  rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$report")
  p99_ms=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$report")")
  requests=$(awk '/ requests in / { print $1 }' "$report")
  if [ -z "$rps" ] || [ -z "$requests" ] || [ "$p99_ms" = "?" ]; then
    die "could not read wrk's report: $(cat "$report")"
  fi
  non_2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$report")
  errors=$(sed -n 's/^ *Socket errors: *//p' "$report")
  warnings=()
  [ -z "$non_2xx" ] || warnings+=("$server: $non_2xx non-2xx/3xx responses")
  [ -z "$errors" ] || warnings+=("$server: socket errors: $errors")
}

# say TEXT...: a line of the table, to the terminal and to $output.
say() {
  echo "$*"
  echo "$*" >>"$output"
}

row() {
  local line
  printf -v line '%-34s%-10s%10s%10s   %s' "$@"
  say "$line"
}

# A workload: its label, gongshu's path, the static file nginx serves the same body from, and the
# gongshu/nginx ratio it should reach (empty: none). Set once the organization id is known.
define_workloads() {
  workloads=(
    "GET /healthz|/healthz|healthz|"
    "GET /api/v1/organizations/{id}|/api/v1/organizations/$1|organization.json|0.50"
  )
}

# save_body WORKLOAD: the body gongshu answers, saved as the file nginx will serve.
save_body() {
  local label path file target
  IFS='|' read -r label path file target <<<"$1"
  fetch "$gongshu_url$path" "$tmp/www/$file"
}

# run_workload WORKLOAD: both servers, then the ratio, warnings and whether the bodies agree.
run_workload() {
  local label path file target
  IFS='|' read -r label path file target <<<"$1"
  local gongshu_rps gongshu_hash nginx_hash all_warnings=() ratio line

  measure gongshu "$gongshu_url$path"
  gongshu_rps=$rps
  gongshu_requests=$((gongshu_requests + requests))
  all_warnings+=("${warnings[@]}")
  gongshu_hash=$(body_hash "$gongshu_url$path")
  row "$label" gongshu "$gongshu_rps" "$p99_ms" "${gongshu_hash:0:12}"

  measure nginx "$nginx_url/$file"
  all_warnings+=("${warnings[@]}")
  nginx_hash=$(body_hash "$nginx_url/$file")
  row "$label" nginx "$rps" "$p99_ms" "${nginx_hash:0:12}"

  ratio=$(awk -v g="$gongshu_rps" -v n="$rps" 'BEGIN { printf "%.2f", (n > 0 ? g / n : 0) }')
  line="  ratio gongshu/nginx: $ratio (req/s)"
  if [ -n "$target" ]; then
    line+="   target >= $target"
    awk -v r="$ratio" -v t="$target" 'BEGIN { exit !(r < t) }' && line+="   BELOW TARGET"
  fi
  say "$line"
  for warning in "${all_warnings[@]}"; do
    say "  warning: $warning"
  done
  if [ "$gongshu_hash" != "$nginx_hash" ]; then
    say "  error: gongshu's body differs from the one nginx serves"
    mismatches+=("$label")
  fi
}

access_log_lines() {
  if [ -f "$tmp/access.log" ]; then
    wc -l <"$tmp/access.log"
  else
    echo 0
  fi
}

start_gongshu
organization_id=$(first_organization_id)
define_workloads "$organization_id"
mkdir -p "$tmp/www"
for workload in "${workloads[@]}"; do
  save_body "$workload"
done
start_nginx

gongshu_requests=0
mismatches=()
log_lines_before=$(access_log_lines)
: >"$output"
gongshu_version=$("$gongshu" version)
nginx_version=$("$nginx" -v 2>&1 | sed 's/.*: //')
say "$gongshu_version vs $nginx_version; $(nproc) cores;" \
  "wrk $connections connections, $threads threads;" \
  "${warmup_seconds} s warm-up + ${measure_seconds} s measured per run"
row workload server req/s "p99 ms" "body sha256"
for workload in "${workloads[@]}"; do
  run_workload "$workload"
done

# The access log is written as requests finish; give the last lines a moment to land.
log_lines=0
for _ in $(seq 20); do
  log_lines=$(($(access_log_lines) - log_lines_before))
  ((log_lines < gongshu_requests)) || break
  sleep 0.1
done
((log_lines >= gongshu_requests)) ||
  die "gongshu's access log grew by $log_lines lines for $gongshu_requests requests wrk counted"
((${#mismatches[@]} == 0)) || die "gongshu and nginx bodies differ for: ${mismatches[*]}"
echo "table written to $output"

# The ledger benchmark, alone on the machine. It reads BENCH_SECONDS itself (default 5 s per run).
# BENCH_LEDGER=0 skips it (for a quick look at the HTTP figures only).
for pid in "${server_pids[@]}"; do
  stop_process "$pid"
done
server_pids=()
if [ "${BENCH_LEDGER:-1}" != 0 ]; then
  ledger_output=$build/bench-ledger.txt
  echo
  "$ledger_bench" "$tmp/ledger" | tee "$ledger_output"
  echo "table written to $ledger_output"
fi

# The catalog search benchmark beside PostgreSQL (bench/search/run_search_bench.sh; its knobs
# are BENCH_SEARCH_* and BENCH_SECONDS). BENCH_SEARCH=0 skips it: with the default million
# resources it takes far longer than the rest.
if [ "${BENCH_SEARCH:-1}" != 0 ]; then
  echo
  "$(dirname "$0")/search/run_search_bench.sh" "$build"
fi

# The dataset benchmark (bench/dataset/run_dataset_bench.sh; its knobs are BENCH_DATASET_ROWS,
# BENCH_DATASET_RUNS, BENCH_DATASET_ROW_SECONDS and BENCH_DATASET_DIR). BENCH_DATASET=0 skips it;
# with the default 5,000,000 rows it takes a few minutes and about 3.5 GB of temporary disk.
if [ "${BENCH_DATASET:-1}" != 0 ]; then
  echo
  "$(dirname "$0")/dataset/run_dataset_bench.sh" "$build"
fi
