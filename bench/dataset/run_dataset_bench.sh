#!/usr/bin/env bash
# Dataset benchmark: ingestion, CSV download and the row API of one large version, each beside
# the sqlite3 CLI doing the same job on the same file in the same run on the same machine.
# docs/benchmarks.md ("Datasets") explains the table.
#
#  1. dataset_gen (bench/dataset/dataset_gen.cc) writes BENCH_DATASET_ROWS rows (default
#     5,000,000; 10 columns, about 680 MB) of deterministic CSV; its sha256 is printed.
#  2. `gongshu init` and an admin token; `gongshu serve` creates one resource per run whose
#     declared items are the CSV's columns and types, and stops.
#  3. Ingestion, BENCH_DATASET_RUNS times (default 2), alternating, with the server stopped:
#     `gongshu import RESOURCE FILE` (reads, type-checks every cell, profiles every column,
#     detects personal data, writes and fsyncs the version file), then sqlite3 `.import --csv` of
#     the same file into a table created with the same column types. Wall time and the peak RSS
#     (getrusage of the child) of each. Both read the CSV from the page cache (it was just
#     written). The version's content_hash is printed; every run must produce the same one.
#  4. `gongshu serve` again; a de-identification policy masking two columns (person_name keeps
#     its first character, mobile its first 3 and last 4 digits) is stored on the first
#     resource. CSV download, BENCH_DATASET_RUNS times alternating: curl GET
#     /api/v1/resources/{id}/download?format=csv (as the platform admin, with a token) to
#     /dev/null, then `sqlite3 -csv DB "select * from t" > /dev/null`. Then once more each into
#     a file for sha256sum; and the download without its byte order mark must equal, byte for
#     byte, sqlite3's list-mode output of the same rows with the same two masks done in SQL (CRLF
#     line ends, a header, no quoting: the data needs none).
#  5. Row API: 7 shapes of filtered, sorted pages of 100 rows (6 filter mixes and the second page
#     of the first through its cursor), 8 values each. Each shape's first request alone, twice,
#     with curl, beside the time the sqlite3 CLI takes for the same SQL on its table (where the
#     time goes, not an anchor) and whether both return the same 100 record_ids; then wrk with 64
#     connections and 2 threads cycles through all 56 requests: 2 s of warm-up, then, once the
#     server is idle again, BENCH_DATASET_ROW_SECONDS measured (default 60: at a few requests per
#     second, 64 connections need tens of seconds to reach a steady queue). No anchor ratio is
#     printed for it: nothing on the machine serves these pages over HTTP to 64 clients.
#     Halfway through the measured run one GET /healthz is timed: what the load does to the rest.
#
# The table goes to the terminal and BUILD_DIR/bench-dataset.txt. Ratios below target are
# reported, not failed on. A step that fails (an import refused, a non-2xx answer) stops the run
# at once; a content hash that differs between runs, a download that differs from sqlite3's
# masked rows, or a row page that differs from sqlite3's ends it with status 1 after the table.
# BENCH_DATASET_DIR=DIR keeps the work directory there instead of a temporary one.
#
# usage: bench/dataset/run_dataset_bench.sh BUILD_DIR   (bench/run.sh runs it unless
# BENCH_DATASET=0)
set -euo pipefail

build=${1:?usage: bench/dataset/run_dataset_bench.sh BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
gongshu=$build/src/cli/gongshu
dataset_gen=$build/bench/dataset/dataset_gen
wrk=/usr/bin/wrk
rows=${BENCH_DATASET_ROWS:-5000000}
runs=${BENCH_DATASET_RUNS:-2}
row_seconds=${BENCH_DATASET_ROW_SECONDS:-60}
warmup_seconds=2
connections=64
threads=2
startup_seconds=60
request_timeout=120
idle_timeout=600
output=$build/bench-dataset.txt
# Targets of the issue: ingestion at least sqlite3's rows/s within 512 MiB, the CSV download at
# least 0.8 of sqlite3's.
target_import_ratio=1.00
target_import_rss_mib=512
target_download_ratio=0.80

die() {
  echo "bench-dataset: $*" >&2
  exit 1
}

for knob in rows runs row_seconds; do
  [[ ${!knob} =~ ^[1-9][0-9]*$ ]] || die "$knob must be a positive integer, not '${!knob}'"
done
((rows > 200)) || die "BENCH_DATASET_ROWS must be more than 200 (the row API pages 100 at a time)"
[ -x "$gongshu" ] || die "$gongshu is missing; build the gongshu target"
[ -x "$dataset_gen" ] || die "$dataset_gen is missing; build the dataset_gen target"
for tool in sqlite3 "$wrk" curl python3 sha256sum; do
  command -v "$tool" >/dev/null || die "$tool is missing; run make deps"
done
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null || true)
case $build_type in
  Release | RelWithDebInfo | MinSizeRel) ;;
  *) echo "bench-dataset: warning: $build is a '$build_type' build; the figures mean little" >&2 ;;
esac

# The server's settings come from this script only.
for variable in $(compgen -e GONGSHU_ || true); do
  unset "$variable"
done

if [ -n "${BENCH_DATASET_DIR:-}" ]; then
  work=$BENCH_DATASET_DIR
  # Emptied first, so only a directory an earlier run made (or an empty one) is taken.
  if [ -d "$work" ] && [ -n "$(ls -A "$work")" ] && ! [ -f "$work/.bench-dataset" ]; then
    die "BENCH_DATASET_DIR $work is not empty and not an earlier run's work directory"
  fi
  rm -rf "$work"
  mkdir -p "$work"
  touch "$work/.bench-dataset"
  keep_work=1
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/gongshu-dataset-bench.XXXXXX")
  keep_work=0
fi
gongshu_pid=

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

cleanup() {
  stop_process "$gongshu_pid"
  ((keep_work)) || rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# say TEXT...: a line of the report, to the terminal and to $output.
say() {
  echo "$*"
  echo "$*" >>"$output"
}

# timed LOG COMMAND...: runs COMMAND (stdout and stderr to LOG) and prints "<seconds>
# <peak RSS KiB> <exit status>": wall time and getrusage's ru_maxrss of the child.
timed() {
  python3 - "$@" <<'EOF'
import resource, subprocess, sys, time
log, command = sys.argv[1], sys.argv[2:]
with open(log, "wb") as out:
    start = time.monotonic()
    status = subprocess.call(command, stdin=subprocess.DEVNULL, stdout=out,
                             stderr=subprocess.STDOUT)
    seconds = time.monotonic() - start
print("%.3f %d %d" % (seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, status))
EOF
}

# Arithmetic for the table: COUNT per SECONDS, A / B, KiB or bytes to MiB, bytes/s in MB/s.
per_second() {
  awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "?" }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "?" }'; }
kib_to_mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
bytes_to_mib() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1048576 }'; }
mb_per_second() {
  awk -v b="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.1f", b / s / 1e6; else print "?" }'
}
# elapsed START: seconds since START (date +%s.%N).
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }'; }
two_decimals() { awk -v s="$1" 'BEGIN { printf "%.2f", s }'; }
# below VALUE TARGET: true when VALUE < TARGET.
below() { awk -v v="$1" -v t="$2" 'BEGIN { exit !(v + 0 < t + 0) }'; }

# cpu_ticks PID: the CPU time (user + system) the process has used, in clock ticks.
cpu_ticks() {
  awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"
}

# status_mib PID KEY: a memory figure of /proc/PID/status (VmHWM, RssAnon, RssFile) in MiB.
status_mib() {
  awk -v key="$2:" '$1 == key { printf "%.0f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null ||
    echo "?"
}

# to_ms VALUE: wrk prints durations as 812.00us, 1.25ms, 2.01s or 1.00m.
to_ms() {
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v) }
    else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 }
    else if (v ~ /m$/) { sub(/m$/, "", v); v *= 60000 }
    else { v = "?" }
    if (v == "?") print v; else printf "%.0f", v
  }'
}

answers_200() {
  [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" || true)" = 200 ]
}

start_gongshu() {
  rm -f "$work/port"
  GONGSHU_ACCESS_LOG=$work/access.log GONGSHU_RATE_LIMIT_PER_ADDRESS=0 \
    GONGSHU_RATE_LIMIT_PER_TOKEN=0 \
    "$gongshu" serve --data-dir "$data" --listen 127.0.0.1:0 --port-file "$work/port" \
    >>"$work/gongshu.log" 2>&1 &
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

# api METHOD PATH [BODY_FILE]: a call as the admin; prints the body, fails on a non-2xx answer.
api() {
  local arguments=(-sS --max-time 600 -X "$1" -H "Authorization: Bearer $(<"$work/token")"
    -w '\n%{http_code}')
  [ -z "${3:-}" ] || arguments+=(-H 'Content-Type: application/json' --data-binary "@$3")
  local answer code
  answer=$(curl "${arguments[@]}" "$gongshu_url$2") || die "$1 $2: curl failed"
  code=${answer##*$'\n'}
  answer=${answer%$'\n'*}
  [[ $code == 2?? ]] || die "$1 $2 answered $code: $answer"
  printf '%s\n' "$answer"
}

# json_field EXPRESSION: evaluates a Python expression over the JSON document `d` on stdin.
json_field() {
  python3 -c 'import json, sys
d = json.load(sys.stdin)
print(eval(sys.argv[1]))' "$1"
}

# wait_idle PID: until the process uses (almost) no CPU for a second, at most idle_timeout s.
# gongshu finishes the row queries of connections wrk has closed, so a run can leave work behind.
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

load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
: >"$output"
failures=()

# ---------------------------------------------------------------------------------------------
# 1. The file.
csv=$work/requests.csv
echo "bench-dataset: generating $rows rows (dataset_gen)"
generate_start=$(date +%s.%N)
"$dataset_gen" --rows "$rows" --output "$csv" || die "dataset_gen failed"
generate_seconds=$(elapsed "$generate_start")
csv_bytes=$(stat -c %s "$csv")
csv_hash=$(sha256sum "$csv" | cut -c1-64)
columns=$(head -n 1 "$csv")

# ---------------------------------------------------------------------------------------------
# 2. The data directory, an admin token and one resource per run.
data=$work/data
echo "bench-dataset-admin-password" >"$work/admin-password"
"$gongshu" init --data-dir "$data" --admin-password-file "$work/admin-password" \
  >"$work/init.log" || die "gongshu init failed"
organization_id=$(sed -n 's/^ *organization *\([^ ]*\) .*/\1/p' "$work/init.log")
[ -n "$organization_id" ] || die "could not read the organization id from gongshu init"
"$gongshu" token create --data-dir "$data" --username admin --name bench-dataset \
  >"$work/token" 2>/dev/null || die "gongshu token create failed"

python3 - "$organization_id" "$work/resource.json" <<'EOF'
import json, sys
organization, out = sys.argv[1:3]
items = [
    ("record_id", "受理编号", "integer", "general-1", "none"),
    ("person_name", "申请人姓名", "string", "general-3", "direct_identifier"),
    ("mobile", "联系电话", "string", "general-3", "direct_identifier"),
    ("district", "所属区县", "string", "general-1", "quasi_identifier"),
    ("category", "事项类别", "string", "general-1", "none"),
    ("amount", "涉及金额", "decimal", "general-2", "none"),
    ("quantity", "办理件数", "integer", "general-1", "none"),
    ("submitted_at", "提交时间", "datetime", "general-2", "none"),
    ("verified", "是否核验", "boolean", "general-1", "none"),
    ("service_hall", "受理窗口", "string", "general-1", "none"),
]
resource = {
    "provider_id": organization,
    "name": "福州市政务服务事项受理登记（数据集基准测试）",
    "summary": "数据集基准测试用的政务服务事项受理登记，由 bench/dataset/dataset_gen 生成。",
    "classification": {"category": "主题", "subject": "社会保障"},
    "themes": ["social_security"],
    "formats": ["csv"],
    "items": [{"name": n, "title": t, "type": ty, "sensitivity": s, "personal": p}
              for n, t, ty, s, p in items],
    "sharing": {"attribute": "unconditional"},
    "opening": {"attribute": "conditional", "conditions": "经审核的研究用途"},
    "update_cycle": "monthly",
    "license": "CC-BY-4.0",
    "contact": {"name": "数据科", "phone": "0591-00000000"},
    "grading": {"grade": "general-3", "basis": "含个人信息"},
}
with open(out, "w", encoding="utf-8") as file:
    json.dump(resource, file, ensure_ascii=False)
EOF
item_names=$(python3 -c 'import json, sys
print(",".join(item["name"] for item in json.load(open(sys.argv[1]))["items"]))' \
  "$work/resource.json")
[ "$item_names" = "$columns" ] || die "the CSV header ($columns) is not the items ($item_names)"

echo "bench-dataset: creating $runs resources"
start_gongshu
resource_ids=()
for run in $(seq "$runs"); do
  id=$(api POST /api/v1/resources "$work/resource.json" | json_field 'd["id"]') ||
    die "could not create a resource"
  resource_ids+=("$id")
done
stop_process "$gongshu_pid"
gongshu_pid=

# ---------------------------------------------------------------------------------------------
# 3. Ingestion.
sqlite_schema="CREATE TABLE t (record_id INTEGER, person_name TEXT, mobile TEXT, district TEXT,
  category TEXT, amount REAL, quantity INTEGER, submitted_at TEXT, verified TEXT,
  service_hall TEXT);"
import_seconds=() import_rss=() sqlite_seconds=() sqlite_rss=()
for run in $(seq "$runs"); do
  echo "bench-dataset: run $run: gongshu import"
  read -r seconds rss status < <(timed "$work/import-$run.log" "$gongshu" import \
    "${resource_ids[$((run - 1))]}" "$csv" --data-dir "$data")
  [ "${status:-1}" = 0 ] || die "gongshu import failed: $(tail -n 5 "$work/import-$run.log")"
  import_seconds+=("$seconds") import_rss+=("$rss")
  echo "bench-dataset: run $run: sqlite3 .import"
  rm -f "$work/sqlite.db"
  read -r seconds rss status < <(timed "$work/sqlite-import-$run.log" sqlite3 "$work/sqlite.db" \
    "$sqlite_schema" ".import --csv --skip 1 $csv t")
  if [ "${status:-1}" != 0 ] || [ -s "$work/sqlite-import-$run.log" ]; then
    die "sqlite3 .import failed: $(head -n 5 "$work/sqlite-import-$run.log")"
  fi
  sqlite_seconds+=("$seconds") sqlite_rss+=("$rss")
done
sqlite_rows=$(sqlite3 "$work/sqlite.db" "SELECT count(*) FROM t")
sqlite_db_bytes=$(stat -c %s "$work/sqlite.db")

# ---------------------------------------------------------------------------------------------
# 4. The download.
echo "bench-dataset: starting gongshu"
start_gongshu
resource_id=${resource_ids[0]}
content_hashes=()
for id in "${resource_ids[@]}"; do
  api GET "/api/v1/resources/$id/versions/1" >"$work/version.json"
  content_hashes+=("$(json_field 'd["content_hash"]' <"$work/version.json")")
  version_rows=$(json_field 'd["row_count"]' <"$work/version.json")
  version_bytes=$(json_field 'd["byte_size"]' <"$work/version.json")
  ((version_rows == rows)) || die "version of $id has $version_rows rows, not $rows"
done
api GET "/api/v1/resources/$resource_id/versions/1" >"$work/version.json"
personal=$(json_field \
  '", ".join("%s (%s)" % (f["column"], f["kind"]) for f in d["personal_data"])' \
  <"$work/version.json")
cat >"$work/policy.json" <<'EOF'
{"revision": 0, "policy": {"fields": [
  {"field": "person_name", "method": "mask", "keep_first": 1, "keep_last": 0},
  {"field": "mobile", "method": "mask", "keep_first": 3, "keep_last": 4}]}}
EOF
api PUT "/api/v1/resources/$resource_id/deidentification" "$work/policy.json" >/dev/null
download_url="$gongshu_url/api/v1/resources/$resource_id/download?format=csv"

# download_gongshu: "<seconds> <bytes>" of one download to /dev/null.
download_gongshu() {
  local report
  report=$(curl -sS --max-time 3600 -H "Authorization: Bearer $(<"$work/token")" -o /dev/null \
    -w '%{http_code} %{time_total} %{size_download}' "$download_url") || die "download failed"
  [[ $report == 200\ * ]] || die "download answered: $report"
  echo "${report#* }"
}
# export_sqlite: "<seconds> <exit status>" of sqlite3 -csv to /dev/null.
export_sqlite() {
  local start status=0
  start=$(date +%s.%N)
  sqlite3 -csv "$work/sqlite.db" "select * from t" >/dev/null || status=$?
  echo "$(elapsed "$start") $status"
}

download_seconds=() download_bytes=() export_seconds=()
for run in $(seq "$runs"); do
  echo "bench-dataset: run $run: CSV download, sqlite3 -csv"
  read -r seconds bytes < <(download_gongshu)
  [[ ${bytes:-} =~ ^[0-9]+$ ]] || die "the download failed"
  download_seconds+=("$seconds") download_bytes+=("$bytes")
  read -r seconds status < <(export_sqlite)
  [ "${status:-1}" = 0 ] || die "sqlite3 -csv failed"
  export_seconds+=("$seconds")
done
echo "bench-dataset: hashing both outputs"
curl -sS --max-time 3600 -H "Authorization: Bearer $(<"$work/token")" -o "$work/download.csv" \
  "$download_url" || die "download failed"
download_hash=$(sha256sum "$work/download.csv" | cut -c1-64)
download_nobom_hash=$(tail -c +4 "$work/download.csv" | sha256sum | cut -c1-64)
rm -f "$work/download.csv"
sqlite3 -csv "$work/sqlite.db" "select * from t" >"$work/export.csv" || die "sqlite3 -csv failed"
export_hash=$(sha256sum "$work/export.csv" | cut -c1-64)
export_bytes=$(stat -c %s "$work/export.csv")
rm -f "$work/export.csv"
masked_sql="SELECT record_id,
  substr(person_name, 1, 1) || substr('**********', 1, length(person_name) - 1) AS person_name,
  substr(mobile, 1, 3) || '****' || substr(mobile, 8) AS mobile, district, category,
  CASE WHEN amount = CAST(amount AS INTEGER) THEN CAST(amount AS INTEGER) ELSE amount END
    AS amount,
  quantity, submitted_at, verified, service_hall FROM t ORDER BY rowid"
masked_hash=$(sqlite3 -header -list -separator , -newline $'\r\n' "$work/sqlite.db" \
  "$masked_sql" | sha256sum | cut -c1-64)

# ---------------------------------------------------------------------------------------------
# 5. The row API.
echo "bench-dataset: row API, one request at a time"
python3 "$here/row_queries.py" "$gongshu_url" "$resource_id" "$work/token" "$work/rows.lua" \
  "$work/probes.tsv" || die "row_queries.py failed"
probe_lines=()
while IFS=$'\t' read -r -u 3 label path sql; do
  times=()
  for _ in 1 2; do
    report=$(curl -sS --max-time 600 -H "Authorization: Bearer $(<"$work/token")" \
      -o "$work/page.json" -w '%{http_code} %{time_total}' "$gongshu_url$path") ||
      die "GET $path failed"
    [[ $report == 200\ * ]] ||
      die "GET $path answered ${report%% *}: $(head -c 300 "$work/page.json")"
    times+=("$(awk -v s="${report#* }" 'BEGIN { printf "%.0f", s * 1000 }')")
  done
  page_hash=$(sha256sum "$work/page.json" | cut -c1-12)
  gongshu_ids=$(python3 -c 'import json, sys
print(",".join(str(row["record_id"]) for row in json.load(open(sys.argv[1]))["rows"]))' \
    "$work/page.json")
  sqlite_times=()
  for _ in 1 2; do
    start=$(date +%s.%N)
    sqlite_ids=$(sqlite3 "$work/sqlite.db" "$sql" | paste -sd, -) || die "sqlite3: $sql failed"
    sqlite_times+=("$(awk -v s="$(elapsed "$start")" 'BEGIN { printf "%.0f", s * 1000 }')")
  done
  page_rows=$(awk -F, '{ print NF }' <<<"$gongshu_ids")
  same=yes
  if [ "$gongshu_ids" != "$sqlite_ids" ]; then
    same=NO
    failures+=("row API \"$label\": gongshu's page is not sqlite3's")
  fi
  printf -v line '%-42s%14s%14s%6s%6s   %s' "$label" "${times[0]} / ${times[1]}" \
    "${sqlite_times[0]} / ${sqlite_times[1]}" "$page_rows" "$same" "$page_hash"
  probe_lines+=("$line")
done 3<"$work/probes.tsv"
request_count=$(grep -c '^  "' "$work/rows.lua")

echo "bench-dataset: row API, wrk with $connections connections"
run_wrk() {
  local duration=$1
  shift
  timeout --foreground $((duration + request_timeout + 30)) "$wrk" -t "$threads" \
    -c "$connections" -d "${duration}s" --timeout "${request_timeout}s" \
    -H "Authorization: Bearer $(<"$work/token")" -s "$work/rows.lua" "$@" "$gongshu_url"
}
run_wrk "$warmup_seconds" >/dev/null || die "wrk warm-up failed"
wait_idle "$gongshu_pid"
ticks_before=$(cpu_ticks "$gongshu_pid")
lines_before=$(access_log_lines)
run_wrk "$row_seconds" --latency >"$work/wrk.txt" &
wrk_pid=$!
# Halfway through, what the load does to a request that needs no data: GET /healthz.
sleep $((row_seconds / 2))
healthz_ms=$(curl -s -o /dev/null --max-time $((request_timeout * 2)) -w '%{time_total}' \
  "$gongshu_url/healthz" | awk '{ printf "%.0f", $1 * 1000 }')
wait "$wrk_pid" || die "wrk failed: $(cat "$work/wrk.txt")"
row_load=$(cut -d' ' -f1 /proc/loadavg)
wait_idle "$gongshu_pid"
served=$(($(access_log_lines) - lines_before))
row_cpu_ms=$(awk -v t="$(($(cpu_ticks "$gongshu_pid") - ticks_before))" -v n="$served" \
  -v hz="$(getconf CLK_TCK)" \
  'BEGIN { if (n > 0) printf "%.0f", t / hz * 1000 / n; else print "?" }')
row_qps=$(awk '/^Requests\/sec:/ { printf "%.2f", $2 }' "$work/wrk.txt")
row_requests=$(awk '/ requests in / { print $1 }' "$work/wrk.txt")
if [ -z "$row_qps" ] || [ -z "$row_requests" ]; then
  die "could not read wrk's report: $(cat "$work/wrk.txt")"
fi
row_p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$work/wrk.txt")")
row_p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$work/wrk.txt")")
row_warnings=()
non_2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$work/wrk.txt")
errors=$(sed -n 's/^ *Socket errors: *//p' "$work/wrk.txt")
[ -z "$non_2xx" ] || row_warnings+=("$non_2xx non-2xx/3xx responses")
[ -z "$errors" ] || row_warnings+=("socket errors: $errors")
serve_rss_mib=$(status_mib "$gongshu_pid" VmHWM)
serve_anon_mib=$(status_mib "$gongshu_pid" RssAnon)
serve_file_mib=$(status_mib "$gongshu_pid" RssFile)
stop_process "$gongshu_pid"
gongshu_pid=

# ---------------------------------------------------------------------------------------------
# 6. The report.
say "$("$gongshu" version) vs sqlite3 $(sqlite3 --version | cut -d' ' -f1); $(nproc) cores;" \
  "load average $load_at_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end"
say "input: $rows rows x 10 columns, $csv_bytes bytes, sha256 ${csv_hash:0:16}, generated in" \
  "$generate_seconds s (dataset_gen); read from the page cache by both"
printf -v line '%-36s%4s%10s%11s%14s' ingestion run seconds rows/s "peak RSS MiB"
say "$line"
for run in $(seq "$runs"); do
  index=$((run - 1))
  g_rate=$(per_second "$rows" "${import_seconds[$index]}")
  s_rate=$(per_second "$sqlite_rows" "${sqlite_seconds[$index]}")
  printf -v line '%-36s%4s%10s%11s%14s' "gongshu import" "$run" \
    "$(two_decimals "${import_seconds[$index]}")" \
    "$g_rate" "$(kib_to_mib "${import_rss[$index]}")"
  say "$line"
  printf -v line '%-36s%4s%10s%11s%14s' "sqlite3 .import (typed table)" "$run" \
    "$(two_decimals "${sqlite_seconds[$index]}")" "$s_rate" "$(kib_to_mib "${sqlite_rss[$index]}")"
  say "$line"
  import_ratio=$(ratio "$g_rate" "$s_rate")
  line="  run $run ratio gongshu/sqlite3: $import_ratio (rows/s)   target >= $target_import_ratio"
  below "$import_ratio" "$target_import_ratio" && line+="   BELOW TARGET"
  line+=";  peak RSS $(kib_to_mib "${import_rss[$index]}") MiB, target <= $target_import_rss_mib"
  below "$target_import_rss_mib" "$(kib_to_mib "${import_rss[$index]}")" && line+="   ABOVE TARGET"
  say "$line"
done
say "  content_hash of the version: ${content_hashes[0]}"
for run in $(seq 2 "$runs"); do
  if [ "${content_hashes[$((run - 1))]}" != "${content_hashes[0]}" ]; then
    say "  error: run $run gave content_hash ${content_hashes[$((run - 1))]}"
    failures+=("the content hash differs between import runs")
  fi
done
say "  $rows rows in the version ($(bytes_to_mib "$version_bytes") MiB file), $sqlite_rows in" \
  "sqlite3's table ($(bytes_to_mib "$sqlite_db_bytes") MiB database); personal data found:" \
  "${personal:-none}"
((sqlite_rows == rows)) || failures+=("sqlite3 imported $sqlite_rows rows, not $rows")

printf -v line '%-36s%4s%10s%11s%9s%12s' "CSV download" run seconds rows/s MB/s bytes
say "$line"
for run in $(seq "$runs"); do
  index=$((run - 1))
  g_rate=$(per_second "$rows" "${download_seconds[$index]}")
  s_rate=$(per_second "$sqlite_rows" "${export_seconds[$index]}")
  printf -v line '%-36s%4s%10s%11s%9s%12s' "gongshu GET .../download?format=csv" "$run" \
    "$(two_decimals "${download_seconds[$index]}")" "$g_rate" \
    "$(mb_per_second "${download_bytes[$index]}" "${download_seconds[$index]}")" \
    "${download_bytes[$index]}"
  say "$line"
  printf -v line '%-36s%4s%10s%11s%9s%12s' "sqlite3 -csv \"select * from t\"" "$run" \
    "$(two_decimals "${export_seconds[$index]}")" "$s_rate" \
    "$(mb_per_second "$export_bytes" "${export_seconds[$index]}")" "$export_bytes"
  say "$line"
  download_ratio=$(ratio "$g_rate" "$s_rate")
  line="  run $run ratio gongshu/sqlite3: $download_ratio (rows/s)"
  line+="   target >= $target_download_ratio"
  below "$download_ratio" "$target_download_ratio" && line+="   BELOW TARGET"
  say "$line"
done
say "  sha256: gongshu's body ${download_hash:0:16} (BOM, header, CRLF, 2 masked columns);" \
  "sqlite3 -csv ${export_hash:0:16} (no header, LF, raw; fields with a space or non-ASCII quoted)"
if [ "$download_nobom_hash" = "$masked_hash" ]; then
  say "  gongshu's body without its BOM = sqlite3's rows with the same masks in SQL" \
    "(-header -list, CRLF): same sha256 ${masked_hash:0:16}"
else
  say "  error: gongshu's body without its BOM (${download_nobom_hash:0:16}) differs from" \
    "sqlite3's rows with the same masks in SQL (${masked_hash:0:16})"
  failures+=("the download differs from sqlite3's masked rows")
fi

say "row API: $request_count requests (7 shapes x 8 values), sorted pages of 100 rows;" \
  "wrk $connections connections, $threads threads, ${warmup_seconds} s warm-up +" \
  "$row_seconds s measured, request timeout ${request_timeout} s"
printf -v line '%-36s%9s%10s%10s%10s%10s' workload QPS "p50 ms" "p99 ms" "CPU ms" requests
say "$line"
printf -v line '%-36s%9s%10s%10s%10s%10s' "GET .../data (mix)" "$row_qps" "$row_p50" "$row_p99" \
  "$row_cpu_ms" "$row_requests"
say "$line"
say "  CPU ms: gongshu serve's CPU time per request it answered. No anchor: nothing here serves" \
  "these pages to 64 HTTP clients. 1-minute load average after the run: $row_load"
queue_seconds=$(awk -v c="$connections" -v q="$row_qps" \
  'BEGIN { if (q > 0) printf "%.1f", c / q; else print "?" }')
say "  $connections connections at $row_qps requests/s keep each request about $queue_seconds s" \
  "in the server once the queue is full (Little's law); a $row_seconds s run sees it fill."
say "  GET /healthz halfway through the run took $healthz_ms ms."
for warning in "${row_warnings[@]}"; do
  say "  warning: $warning"
done
say "  each shape alone, twice (ms): gongshu over HTTP beside the sqlite3 CLI running the same" \
  "SQL on its table (process start included; where the time goes, not an anchor)"
printf -v line '%-42s%14s%14s%6s%6s   %s' shape gongshu sqlite3 rows same "body sha256"
say "$line"
for line in "${probe_lines[@]}"; do
  say "$line"
done
say "  same: the page's 100 record_ids, in order, are those sqlite3 returns"
say "gongshu serve peaked at $serve_rss_mib MiB ($serve_anon_mib MiB private + $serve_file_mib" \
  "MiB of memory-mapped files at the end)"
echo "table written to $output"
if ((${#failures[@]} > 0)); then
  for failure in "${failures[@]}"; do
    echo "bench-dataset: $failure" >&2
  done
  exit 1
fi
