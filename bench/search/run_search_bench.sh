#!/usr/bin/env bash
# Catalog search benchmark: queries per second and p50/p99 latency of gongshu's catalog search
# over HTTP, beside PostgreSQL 15 full-text search over the same catalog with the same queries,
# plus what building each index costs. docs/benchmarks.md ("Catalog search") explains the table.
#
#  1. `gongshu init` creates a data directory; search_load (bench/search/search_load.cc) stores
#     BENCH_SEARCH_RESOURCES demo resources in it (default 1,000,000), all registered, timing the
#     index build and reading its peak RSS, then writes the same catalog as pre-segmented tokens
#     for PostgreSQL and BENCH_SEARCH_QUERIES queries (default 1000): 1, 2 and 3 Chinese words,
#     half of them with a theme filter.
#  2. `gongshu serve` on 127.0.0.1; wrk with 64 connections and 2 threads cycles through the
#     queries as GET /api/v1/resources?q=...[&theme=...], first with facets=none (no facet counts,
#     like the PostgreSQL query), then with the default 8 facet counts. Each run: BENCH_SEARCH_WARMUP
#     seconds of warm-up (default 5), then, once the server is idle again, BENCH_SECONDS measured
#     (default 10); the server's CPU time per request it answered is read from /proc. Then, with
#     gongshu stopped, search_probe runs the first BENCH_SEARCH_PROBE_QUERIES queries (default 100)
#     through the store in process, by query shape.
#  3. A throwaway a throwaway PostgreSQL 15 cluster (BENCH_PG_BIN, default
#     /usr/lib/postgresql/15/bin) on 127.0.0.1 and a socket in its own temporary directory, run as
#     the `postgres` user (or `nobody`) when this script runs as root. The tokens are COPYed into
#     a table whose stored generated tsvector column weights name, keywords, summary and items
#     A, B, C, D (as gongshu's bm25 weights them 10, 5, 2, 1), a GIN index is built and the table
#     analyzed: that is PostgreSQL's build time. pgbench runs query.sql with 64 clients and 2
#     threads, the same warm-up and duration: a random query of the queries table, matched with
#     `tsv @@ plainto_tsquery('simple', tokens)`, the theme filter when the query has one, top 20
#     by ts_rank (weights 0.1, 0.2, 0.5, 1.0), ties by seq. p50/p99 come from pgbench's
#     per-transaction log, the CPU per query from the postmaster's exited children.
#  4. The table, to the terminal and BUILD_DIR/bench-search.txt, then a hash of the ids of the top
#     10 hits and the match count of the first 6 queries (one of each shape) on both systems,
#     so that a change in what is found shows between runs.
#
# The figures are a report: missing a target does not fail the run; a non-2xx answer, a socket
# error or a failed pgbench transaction is printed as a warning. BENCH_SEARCH_DIR=DIR keeps the
# work directory there and reuses a catalog loaded into it before for the same size and query
# count (the build figures are then those of that load). BENCH_PG=0 skips PostgreSQL.
#
# usage: bench/search/run_search_bench.sh BUILD_DIR   (bench/run.sh runs it unless BENCH_SEARCH=0)
set -euo pipefail

build=${1:?usage: bench/search/run_search_bench.sh BUILD_DIR}
gongshu=$build/src/cli/gongshu
search_load=$build/bench/search/search_load
search_probe=$build/bench/search/search_probe
wrk=/usr/bin/wrk
pg_bin=${BENCH_PG_BIN:-/usr/lib/postgresql/15/bin}
resources=${BENCH_SEARCH_RESOURCES:-1000000}
query_count=${BENCH_SEARCH_QUERIES:-1000}
measure_seconds=${BENCH_SECONDS:-10}
warmup_seconds=${BENCH_SEARCH_WARMUP:-5}
run_postgres=${BENCH_PG:-1}
probe_queries=${BENCH_SEARCH_PROBE_QUERIES:-100}
connections=64
threads=2
page_size=20
fixed_queries=6
startup_seconds=60
# wrk counts a request that takes longer as a timeout and leaves it out of the latencies.
request_timeout=30
idle_timeout=600
output=$build/bench-search.txt
# Targets of the issue: p99 at most 20 ms, at least 3x PostgreSQL's QPS, the build within 60 s.
target_p99_ms=20
target_ratio=3
target_build_seconds=60

die() {
  echo "bench-search: $*" >&2
  exit 1
}

for knob in resources query_count measure_seconds warmup_seconds probe_queries; do
  [[ ${!knob} =~ ^[1-9][0-9]*$ ]] || die "$knob must be a positive integer, not '${!knob}'"
done
((query_count >= fixed_queries)) || die "BENCH_SEARCH_QUERIES must be at least $fixed_queries"
[ -x "$gongshu" ] || die "$gongshu is missing; build the gongshu target"
[ -x "$search_load" ] || die "$search_load is missing; build the search_load target"
[ -x "$search_probe" ] || die "$search_probe is missing; build the search_probe target"
for tool in "$wrk" curl python3 sha256sum; do
  command -v "$tool" >/dev/null || die "$tool is missing; run make deps"
done
if [ "$run_postgres" != 0 ]; then
  for tool in initdb pg_ctl pgbench psql; do
    [ -x "$pg_bin/$tool" ] || die "$pg_bin/$tool is missing; install postgresql-15 or set BENCH_PG=0"
  done
fi
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null || true)
case $build_type in
  Release | RelWithDebInfo | MinSizeRel) ;;
  *) echo "bench-search: warning: $build is a '$build_type' build; the figures mean little" >&2 ;;
esac

# The server's settings come from this script only.
for variable in $(compgen -e GONGSHU_ || true); do
  unset "$variable"
done

if [ -n "${BENCH_SEARCH_DIR:-}" ]; then
  work=$BENCH_SEARCH_DIR
  mkdir -p "$work"
  keep_work=1
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/gongshu-search-bench.XXXXXX")
  keep_work=0
fi
pg_dir=
gongshu_pid=
pg_started=0

stop_process() {
  local pid=$1
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# as_pg_user COMMAND...: runs a PostgreSQL server program as the cluster's owner.
as_pg_user() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd "$pg_dir" && runuser -u "$pg_user" -- "$@")
  else
    "$@"
  fi
}

stop_postgres() {
  if ((pg_started)); then
    as_pg_user "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 || true
    pg_started=0
  fi
}

cleanup() {
  stop_process "$gongshu_pid"
  stop_postgres
  [ -z "$pg_dir" ] || rm -rf "$pg_dir"
  ((keep_work)) || rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
  python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

# say TEXT...: a line of the report, to the terminal and to $output.
say() {
  echo "$*"
  echo "$*" >>"$output"
}

# figure FILE KEY: the value of a key=value line.
figure() {
  sed -n "s/^$2=//p" "$1" | tail -n 1
}

# cpu_ticks PID [children]: the CPU time (user + system) a process has used, in clock ticks; with
# "children", that of its children that have exited and been waited for too.
cpu_ticks() {
  awk -v children="${2:-}" '{
    sub(/^.*\) /, "")
    ticks = $12 + $13
    if (children != "") ticks += $14 + $15
    print ticks
  }' "/proc/$1/stat"
}

# cpu_ms_per_query TICKS COUNT: milliseconds of CPU per query.
cpu_ms_per_query() {
  awk -v t="$1" -v n="$2" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { if (n + 0 > 0) printf "%.2f", t / hz * 1000 / n; else print "?" }'
}

# status_mib PID KEY: a memory figure of /proc/PID/status (VmHWM, RssAnon, RssFile) in MiB.
status_mib() {
  awk -v key="$2:" '$1 == key { printf "%.0f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null ||
    echo "?"
}

kib_to_mib() {
  awk -v k="$1" 'BEGIN { if (k == "" || k < 0) print "?"; else printf "%.0f", k / 1024 }'
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

load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------------------------------------
# 1. The catalog.
data=$work/data
docs_tsv=$work/docs.tsv
queries_tsv=$work/queries.tsv
load_report=$work/load.txt
loaded_marker=$work/loaded
if [ -f "$loaded_marker" ] && [ "$(<"$loaded_marker")" = "$resources $query_count" ]; then
  echo "bench-search: reusing the catalog of $resources resources in $work"
else
  rm -rf "$data" "$loaded_marker"
  echo "bench-search-admin-password" >"$work/admin-password"
  "$gongshu" init --data-dir "$data" --admin-password-file "$work/admin-password" >/dev/null
  echo "bench-search: loading $resources resources (search_load)"
  "$search_load" --data-dir "$data" --resources "$resources" --query-count "$query_count" \
    --docs-tsv "$docs_tsv" --queries-tsv "$queries_tsv" >"$load_report" ||
    die "search_load failed"
  echo "$resources $query_count" >"$loaded_marker"
fi
gongshu_build_seconds=$(figure "$load_report" build_seconds)
gongshu_generate_seconds=$(figure "$load_report" generate_seconds)
gongshu_build_rss_mib=$(kib_to_mib "$(figure "$load_report" peak_rss_kib)")
gongshu_build_anon_mib=$(kib_to_mib "$(figure "$load_report" rss_anon_kib)")
gongshu_build_file_mib=$(kib_to_mib "$(figure "$load_report" rss_file_kib)")
gongshu_disk_mib=$(awk -v b="$(figure "$load_report" database_bytes)" 'BEGIN { printf "%.0f", b / 1048576 }')
[ -n "$gongshu_build_seconds" ] || die "search_load did not report its build time"

# The wrk scripts: one request per query, cycled; each thread starts at its own place.
write_wrk_script() {
  python3 - "$queries_tsv" "$1" "$2" "$page_size" <<'EOF'
import sys
import urllib.parse

queries_tsv, script, facets, page_size = sys.argv[1:5]
paths = []
with open(queries_tsv, encoding="utf-8") as lines:
    for line in lines:
        qid, text, theme, _ = line.rstrip("\n").split("\t")
        parameters = [("q", text)]
        if theme:
            parameters.append(("theme", theme))
        if facets:
            parameters.append(("facets", facets))
        parameters.append(("limit", page_size))
        paths.append("/api/v1/resources?" + urllib.parse.urlencode(parameters, quote_via=urllib.parse.quote))
with open(script, "w", encoding="utf-8") as out:
    out.write("local paths = {\n")
    for path in paths:
        out.write('  "%s",\n' % path)
    out.write("}\n")
    out.write("""
local thread_count = 0
function setup(thread)
  thread:set("first", thread_count * 7919)
  thread_count = thread_count + 1
end

local requests = {}
local position = 0
function init(args)
  for index, path in ipairs(paths) do
    requests[index] = wrk.format("GET", path)
  end
  position = (first or 0) % #requests
end

function request()
  position = position % #requests + 1
  return requests[position]
end
""")
EOF
}
write_wrk_script "$work/search-nofacets.lua" none
write_wrk_script "$work/search-facets.lua" ""

# ---------------------------------------------------------------------------------------------
# 2. gongshu.
answers_200() {
  [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" || true)" = 200 ]
}

start_gongshu() {
  rm -f "$work/port"
  GONGSHU_ACCESS_LOG=$work/access.log GONGSHU_RATE_LIMIT_PER_ADDRESS=0 \
    "$gongshu" serve --data-dir "$data" --listen 127.0.0.1:0 --port-file "$work/port" \
    >"$work/gongshu.log" 2>&1 &
  gongshu_pid=$!
  local deadline=$((SECONDS + startup_seconds))
  until [ -s "$work/port" ] && answers_200 "http://127.0.0.1:$(<"$work/port")/readyz"; do
    kill -0 "$gongshu_pid" 2>/dev/null || {
      tail -n 20 "$work/gongshu.log" >&2
      die "gongshu exited while starting"
    }
    ((SECONDS < deadline)) || die "gongshu not ready within ${startup_seconds} s"
    sleep 0.2
  done
  gongshu_url=http://127.0.0.1:$(<"$work/port")
}

# wait_idle PID: until the process uses (almost) no CPU for a second, at most idle_timeout s.
# gongshu finishes the searches of connections wrk has closed, so a run can leave work behind.
wait_idle() {
  local before after deadline=$((SECONDS + idle_timeout))
  after=$(cpu_ticks "$1")
  while ((SECONDS < deadline)); do
    before=$after
    sleep 1
    after=$(cpu_ticks "$1")
    ((after - before > 2)) || return 0
  done
}

access_log_lines() {
  if [ -f "$work/access.log" ]; then wc -l <"$work/access.log"; else echo 0; fi
}

# measure_gongshu SCRIPT: warm-up and measured wrk runs; sets qps, p50_ms, p99_ms, cpu_ms (the
# server's CPU time per request it answered, from idle to idle) and warnings.
measure_gongshu() {
  local script=$1 report=$work/wrk.txt non_2xx errors ticks_before lines_before requests
  timeout --foreground $((warmup_seconds + request_timeout + 30)) "$wrk" -t "$threads" \
    -c "$connections" -d "${warmup_seconds}s" --timeout "${request_timeout}s" -s "$script" \
    "$gongshu_url" >/dev/null || die "wrk warm-up failed"
  wait_idle "$gongshu_pid"
  ticks_before=$(cpu_ticks "$gongshu_pid")
  lines_before=$(access_log_lines)
  timeout --foreground $((measure_seconds + request_timeout + 30)) "$wrk" -t "$threads" \
    -c "$connections" -d "${measure_seconds}s" --timeout "${request_timeout}s" --latency \
    -s "$script" "$gongshu_url" >"$report" ||
    die "wrk failed: $(cat "$report")"
  run_load=$(cut -d' ' -f1 /proc/loadavg)
  wait_idle "$gongshu_pid"
  cpu_ms=$(cpu_ms_per_query $(($(cpu_ticks "$gongshu_pid") - ticks_before)) \
    $(($(access_log_lines) - lines_before)))
  cp "$report" "$work/$(basename "$script" .lua).wrk.txt"
  qps=$(awk '/^Requests\/sec:/ { printf "%.1f", $2 }' "$report")
  requests=$(awk '/ requests in / { print $1 }' "$report")
  if [ -z "$qps" ] || [ -z "$requests" ]; then
    die "could not read wrk's report: $(cat "$report")"
  fi
  warnings=()
  if ((requests > 0)); then
    p50_ms=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$report")")
    p99_ms=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$report")")
  else
    p50_ms='?' p99_ms='?'
    warnings+=("no request finished within the ${measure_seconds} s run")
  fi
  non_2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$report")
  errors=$(sed -n 's/^ *Socket errors: *//p' "$report")
  [ -z "$non_2xx" ] || warnings+=("$non_2xx non-2xx/3xx responses")
  [ -z "$errors" ] || warnings+=("socket errors: $errors")
}

# query_field QID FIELD: a field of the queries file (2 text, 3 theme, 4 PostgreSQL tokens).
query_field() {
  awk -F '\t' -v qid="$1" -v field="$2" '$1 == qid { print $field; exit }' "$queries_tsv"
}

# gongshu_top QID: "<total> <hash of the top 10 ids>" for a query.
gongshu_top() {
  local text theme
  text=$(query_field "$1" 2)
  theme=$(query_field "$1" 3)
  python3 - "$gongshu_url" "$text" "$theme" <<'EOF'
import hashlib
import json
import sys
import urllib.parse
import urllib.request

url, text, theme = sys.argv[1:4]
parameters = [("q", text)]
if theme:
    parameters.append(("theme", theme))
parameters += [("facets", "none"), ("limit", "10")]
with urllib.request.urlopen(url + "/api/v1/resources?" + urllib.parse.urlencode(parameters), timeout=60) as response:
    body = json.load(response)
ids = "\n".join(item["id"] for item in body["items"])
print(body["total"], hashlib.sha256(ids.encode()).hexdigest()[:12])
EOF
}

: >"$output"
echo "bench-search: starting gongshu on the catalog"
start_gongshu
declare -A gongshu_tops
for qid in $(seq "$fixed_queries"); do
  gongshu_tops[$qid]=$(gongshu_top "$qid") || die "gongshu could not answer query $qid"
done
echo "bench-search: wrk against gongshu, facets=none"
measure_gongshu "$work/search-nofacets.lua"
nofacets_qps=$qps nofacets_p50=$p50_ms nofacets_p99=$p99_ms nofacets_cpu=$cpu_ms
nofacets_warnings=("${warnings[@]}")
facets_load=$run_load
nofacets_load=$run_load
echo "bench-search: wrk against gongshu, default facet counts"
measure_gongshu "$work/search-facets.lua"
facets_qps=$qps facets_p50=$p50_ms facets_p99=$p99_ms facets_cpu=$cpu_ms
facets_warnings=("${warnings[@]}")
facets_load=$run_load
gongshu_serve_rss_mib=$(status_mib "$gongshu_pid" VmHWM)
gongshu_serve_anon_mib=$(status_mib "$gongshu_pid" RssAnon)
gongshu_serve_file_mib=$(status_mib "$gongshu_pid" RssFile)
stop_process "$gongshu_pid"
gongshu_pid=
echo "bench-search: search_probe, the first $probe_queries queries in process"
"$search_probe" --data-dir "$data" --queries-tsv "$queries_tsv" --queries "$probe_queries" \
  >"$work/probe.txt" || die "search_probe failed"

# ---------------------------------------------------------------------------------------------
# 3. PostgreSQL.
pg_version=
pg_qps='?' pg_p50='?' pg_p99='?' pg_cpu='?' pg_load='?'
pg_build_seconds='?' pg_build_rss_mib='?' pg_disk_mib='?'
pg_warnings=()
declare -A pg_tops
if [ "$run_postgres" != 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    pg_user=postgres
    getent passwd "$pg_user" >/dev/null || pg_user=nobody
  else
    pg_user=$(id -un)
  fi
  pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/gongshu-search-bench-pg.XXXXXX")
  [ "$(id -u)" -ne 0 ] || chown "$pg_user" "$pg_dir"
  pg_port=$(free_port)
  pg_settings="-c shared_buffers=1GB -c maintenance_work_mem=512MB -c jit=off"
  echo "bench-search: starting PostgreSQL in $pg_dir (user $pg_user, port $pg_port)"
  as_pg_user "$pg_bin/initdb" -D "$pg_dir/data" -U bench --auth=trust --encoding=UTF8 \
    --locale=C >"$work/initdb.log" 2>&1 || die "initdb failed: $(tail -n 5 "$work/initdb.log")"
  as_pg_user "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c max_connections=100 $pg_settings" \
    start >/dev/null ||
    die "PostgreSQL did not start: $(tail -n 5 "$pg_dir/server.log" 2>/dev/null)"
  pg_started=1
  pg_connection=(-h "$pg_dir" -p "$pg_port" -U bench -d postgres)
  psql_run() {
    "$pg_bin/psql" "${pg_connection[@]}" -X -q -v ON_ERROR_STOP=1 "$@"
  }
  pg_version=$(psql_run -Atc "SHOW server_version" | sed 's/ .*//')

  echo "bench-search: loading the same catalog into PostgreSQL"
  build_start=$(date +%s.%N)
  psql_run >"$work/pg-build.txt" <<EOF
SELECT pg_backend_pid() AS backend \gset
\setenv BENCH_BACKEND :backend
CREATE TABLE docs (
  seq bigint PRIMARY KEY,
  id text NOT NULL,
  themes text[] NOT NULL,
  provider text NOT NULL,
  region text NOT NULL,
  grade text NOT NULL,
  name_tokens text NOT NULL,
  keywords_tokens text NOT NULL,
  summary_tokens text NOT NULL,
  items_tokens text NOT NULL,
  tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', name_tokens), 'A') ||
    setweight(to_tsvector('simple', keywords_tokens), 'B') ||
    setweight(to_tsvector('simple', summary_tokens), 'C') ||
    setweight(to_tsvector('simple', items_tokens), 'D')) STORED
);
\copy docs (seq, id, themes, provider, region, grade, name_tokens, keywords_tokens, summary_tokens, items_tokens) FROM '$docs_tsv'
CREATE INDEX docs_tsv ON docs USING gin (tsv);
ANALYZE docs;
\! awk '/^VmHWM:/ { print "backend_hwm_kib=" \$2 }' /proc/\$BENCH_BACKEND/status
EOF
  build_end=$(date +%s.%N)
  pg_build_seconds=$(awk -v a="$build_start" -v b="$build_end" 'BEGIN { printf "%.2f", b - a }')
  pg_build_rss_mib=$(awk -v k="$(figure "$work/pg-build.txt" backend_hwm_kib)" \
    'BEGIN { if (k == "") print "?"; else printf "%.0f", k / 1024 }')
  psql_run <<EOF
CREATE TABLE queries (qid integer PRIMARY KEY, q text NOT NULL, theme text, tokens text NOT NULL,
  tsq tsquery);
\copy queries (qid, q, theme, tokens) FROM '$queries_tsv'
UPDATE queries SET theme = NULLIF(theme, ''), tsq = plainto_tsquery('simple', tokens);
ANALYZE queries;
EOF
  pg_disk_mib=$(psql_run -Atc "SELECT round(pg_total_relation_size('docs') / 1048576.0)")

  search_sql="SELECT d.id FROM queries q JOIN docs d ON d.tsv @@ q.tsq
  WHERE q.qid = :qid AND (q.theme IS NULL OR q.theme = ANY (d.themes))
  ORDER BY ts_rank('{0.1, 0.2, 0.5, 1.0}', d.tsv, q.tsq) DESC, d.seq LIMIT"
  printf '\\set qid random(1, %d)\n%s %d;\n' "$query_count" "${search_sql//$'\n'/ }" \
    "$page_size" >"$work/query.sql"
  for qid in $(seq "$fixed_queries"); do
    pg_tops[$qid]=$(psql_run -At -v qid="$qid" <<EOF
SELECT count(*) || ' ' || left(encode(sha256(convert_to(
  coalesce((SELECT string_agg(id, E'\n') FROM (${search_sql} 10) top), ''), 'UTF8')), 'hex'), 12)
FROM queries q JOIN docs d ON d.tsv @@ q.tsq
WHERE q.qid = :qid AND (q.theme IS NULL OR q.theme = ANY (d.themes));
EOF
    ) || die "PostgreSQL could not answer query $qid"
  done
  psql_run -c "EXPLAIN $(sed -n 2p "$work/query.sql" | sed 's/:qid/1/')" >"$work/pg-plan.txt"

  run_pgbench() {
    (cd "$work" && "$pg_bin/pgbench" "${pg_connection[@]}" -n -M prepared -c "$connections" \
      -j "$threads" -f "$work/query.sql" "$@")
  }
  echo "bench-search: pgbench against PostgreSQL"
  run_pgbench -T "$warmup_seconds" >/dev/null 2>&1 || die "pgbench warm-up failed"
  rm -f "$work"/pgbench_log.*
  # The server's CPU: the postmaster's children (a backend per connection) once they have exited.
  postmaster_pid=$(head -n 1 "$pg_dir/data/postmaster.pid")
  sleep 2
  ticks_before=$(cpu_ticks "$postmaster_pid" children)
  run_pgbench -T "$measure_seconds" -l --log-prefix="$work/pgbench_log" \
    >"$work/pgbench.txt" 2>&1 || die "pgbench failed: $(tail -n 5 "$work/pgbench.txt")"
  pg_load=$(cut -d' ' -f1 /proc/loadavg)
  sleep 2
  ticks_after=$(cpu_ticks "$postmaster_pid" children)
  pg_qps=$(awk '/^tps = / { printf "%.1f", $3 }' "$work/pgbench.txt")
  pg_cpu=$(cpu_ms_per_query $((ticks_after - ticks_before)) \
    "$(awk '/^number of transactions actually processed:/ { print $NF }' "$work/pgbench.txt")")
  read -r pg_p50 pg_p99 < <(cat "$work"/pgbench_log.* | awk '{ print $3 }' | sort -n | awk '
    { latency[NR] = $1 }
    END {
      if (NR == 0) { print "? ?"; exit }
      p50 = latency[int((NR - 1) * 0.50) + 1]; p99 = latency[int((NR - 1) * 0.99) + 1]
      printf "%.2f %.2f\n", p50 / 1000, p99 / 1000
    }')
  failed=$(awk '/^number of failed transactions:/ { print $5 }' "$work/pgbench.txt")
  [ -z "$failed" ] || [ "$failed" = 0 ] || pg_warnings+=("$failed failed transactions")
  stop_postgres
fi

# ---------------------------------------------------------------------------------------------
# 4. The report.
row() {
  local line
  printf -v line '%-24s%9s%9s%9s%9s%11s%9s%9s%9s%8s%8s' "$@"
  say "$line"
}
ratio_of() {
  awk -v g="$1" -v p="$2" 'BEGIN { if (p + 0 > 0) printf "%.2f", g / p; else print "?" }'
}
# mark VALUE TARGET less|more: " BELOW TARGET" / " ABOVE TARGET" when VALUE misses TARGET.
mark() {
  awk -v v="$1" -v t="$2" -v way="$3" 'BEGIN {
    if (v == "?" || v == "") exit
    if (way == "more" && v + 0 < t + 0) printf "BELOW TARGET"
    if (way == "less" && v + 0 > t + 0) printf "ABOVE TARGET"
  }'
}

nofacets_ratio=$(ratio_of "$nofacets_qps" "$pg_qps")
facets_ratio=$(ratio_of "$facets_qps" "$pg_qps")
say "$("$gongshu" version) vs PostgreSQL ${pg_version:-(skipped)}; $(nproc) cores;" \
  "load average $load_at_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end"
say "$resources resources, $query_count queries (1-3 Chinese words, half with a theme filter)," \
  "page of $page_size; $connections connections, $threads threads; ${warmup_seconds} s warm-up +" \
  "${measure_seconds} s measured per run"
row workload "gongshu" "p50 ms" "p99 ms" "CPU ms" "PostgreSQL" "p50 ms" "p99 ms" "CPU ms" \
  "ratio" "CPU"
row "search, facets=none" "$nofacets_qps" "$nofacets_p50" "$nofacets_p99" "$nofacets_cpu" \
  "$pg_qps" "$pg_p50" "$pg_p99" "$pg_cpu" "$nofacets_ratio" "$(ratio_of "$pg_cpu" "$nofacets_cpu")"
row "search, 8 facet counts" "$facets_qps" "$facets_p50" "$facets_p99" "$facets_cpu" \
  "$pg_qps" "$pg_p50" "$pg_p99" "$pg_cpu" "$facets_ratio" "$(ratio_of "$pg_cpu" "$facets_cpu")"
say "  gongshu/PostgreSQL: QPS (wrk Requests/sec, pgbench tps), latency percentiles, server CPU" \
  "per query;"
say "  ratio: gongshu/PostgreSQL QPS; CPU: PostgreSQL/gongshu CPU per query (above 1: gongshu" \
  "is cheaper). PostgreSQL counts no facets in either row."
say "  1-minute load average after each run: gongshu $nofacets_load (facets=none), $facets_load" \
  "(facets); PostgreSQL $pg_load (its own $connections backends count there). Above $(nproc)," \
  "other work shared the cores."
say "  targets: p99 <= $target_p99_ms ms $(mark "$nofacets_p99" "$target_p99_ms" less);" \
  "ratio (facets=none) >= $target_ratio $(mark "$nofacets_ratio" "$target_ratio" more)"
for warning in "${nofacets_warnings[@]/#/gongshu facets=none: }" \
  "${facets_warnings[@]/#/gongshu facets: }" "${pg_warnings[@]/#/PostgreSQL: }"; do
  say "  warning: $warning"
done
printf -v line '%-34s%12s%14s%12s' "index build" "seconds" "peak RSS MiB" "disk MiB"
say "$line"
printf -v line '%-34s%12s%14s%12s   %s' "gongshu (search_load)" "$gongshu_build_seconds" \
  "$gongshu_build_rss_mib" "$gongshu_disk_mib" \
  "$(mark "$gongshu_build_seconds" "$target_build_seconds" less)"
say "$line"
printf -v line '%-34s%12s%14s%12s' "PostgreSQL (COPY + GIN + ANALYZE)" "$pg_build_seconds" \
  "$pg_build_rss_mib" "$pg_disk_mib"
say "$line"
say "  gongshu's build includes ${gongshu_generate_seconds} s of generating the resources and" \
  "stores the whole resource (JSON, versions, facets); target <= $target_build_seconds s."
say "  peak RSS: search_load's (after the build $gongshu_build_anon_mib MiB private +" \
  "$gongshu_build_file_mib MiB of the memory-mapped database); PostgreSQL's loading backend"
say "  (shared_buffers=1GB, maintenance_work_mem=512MB). gongshu serve peaked at" \
  "$gongshu_serve_rss_mib MiB ($gongshu_serve_anon_mib MiB private + $gongshu_serve_file_mib MiB" \
  "mapped database at the end)."
printf -v line '%-5s%-26s%-18s%10s%14s%10s%14s' qid query theme "gongshu n" "top 10 sha256" \
  "pg n" "top 10 sha256"
say "$line"
for qid in $(seq "$fixed_queries"); do
  read -r g_total g_hash <<<"${gongshu_tops[$qid]}"
  read -r p_total p_hash <<<"${pg_tops[$qid]:-? ?}"
  text=$(query_field "$qid" 2)
  theme=$(query_field "$qid" 3)
  # Pad by display width: each Chinese character takes two columns.
  padding=$((26 - $(printf '%s' "$text" | python3 -c 'import sys, unicodedata
print(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in sys.stdin.read()))')))
  ((padding > 0)) || padding=1
  printf -v line '%-5s%s%*s%-18s%10s%14s%10s%14s' "$qid" "$text" "$padding" "" "${theme:--}" \
    "$g_total" "$g_hash" "$p_total" "$p_hash"
  say "$line"
done
say "Where gongshu's time goes (search_probe: SqliteCatalogStore::Search alone, one thread):"
while IFS= read -r line; do
  say "$line"
done <"$work/probe.txt"
echo "table written to $output"
