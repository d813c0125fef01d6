#!/usr/bin/env bash
# Runs the "Try the API", "The catalog" and "Data" commands of README.md against a fresh demo
# server, so the README's examples cannot go stale. Usage: readme_test.sh GONGSHU_BINARY README.md
set -euo pipefail
gongshu=$1
readme=$2
work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

"$gongshu" demo --data-dir "$work/data" >/dev/null
GONGSHU_ACCESS_LOG=off GONGSHU_STATIC_DIR="$work/none" \
  "$gongshu" serve --data-dir "$work/data" --listen 127.0.0.1:0 --port-file "$work/port" &
server_pid=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")

# The first ```sh block after the "## Try the API" heading, pointed at this server's port.
awk '/^## Try the API/{section=1} section && /^```sh/{inside=1; next} inside && /^```/{exit} inside' \
  "$readme" | sed "s/127.0.0.1:8080/127.0.0.1:$port/g" >"$work/example.sh"
[ -s "$work/example.sh" ] || { echo "no example found in $readme"; exit 1; }

# On failure, the trace shows which README command broke.
run_example() {
  if ! (cd "$work" && bash -x -euo pipefail "$1" 2>"$work/trace"); then
    { echo "README example $1 failed; trace:"; tail -n 20 "$work/trace"; } >&2; exit 1
  fi
}
output=$(run_example example.sh)
echo "$output" | tail -n 1 >"$work/me.json"
check() {
  if ! grep -q "$1" "$2"; then
    echo "README example: expected $1 in $2:"; cat "$2"; exit 1
  fi
}
check '"username":"culture.provider"' "$work/me.json"
check '"authenticated_by":"token"' "$work/me.json"
check '"role":"provider"' "$work/me.json"
check '"uscc":"11350100MB00000100"' "$work/org.json"
# The catalog examples, in the same directory (they reuse the session and organization).
awk '/^## The catalog/{section=1} section && /^```sh/{inside=1; next} inside && /^```/{exit} inside' \
  "$readme" | sed "s/127.0.0.1:8080/127.0.0.1:$port/g" >"$work/catalog.sh"
[ -s "$work/catalog.sh" ] || { echo "no catalog example found in $readme"; exit 1; }
run_example catalog.sh >/dev/null
check '"total":' "$work/search.json"
check '<mark>' "$work/search.json"
check '"resource_name":' "$work/publicity.json"
check '"status":"draft"' "$work/resource.json"
check '"state":"submitted"' "$work/registration.json"
check '"success":true' "$work/ckan.json"
# The data examples, in the same directory (the upload reuses the admin's session).
awk '/^## Data/{section=1} section && /^```sh/{inside=1; next} inside && /^```/{exit} inside' \
  "$readme" | sed "s/127.0.0.1:8080/127.0.0.1:$port/g" >"$work/data.sh"
[ -s "$work/data.sh" ] || { echo "no data example found in $readme"; exit 1; }
run_example data.sh >/dev/null
check '"name":"福州市公交站点信息"' "$work/stops.json"
check '"number":1,' "$work/versions.json"
check '"content_hash":"[0-9a-f]\{64\}"' "$work/versions.json"
check '"stop_id":"FZ' "$work/rows.json"
check '"next_cursor":"' "$work/rows.json"
check 'stop_id,stop_name,longitude,latitude,route_names,has_shelter' "$work/stops.csv"
check '"state":"running"' "$work/upload.json"
# The CSV download opens in a spreadsheet: a UTF-8 byte order mark and CRLF line ends.
[ "$(od -An -tx1 -N3 "$work/stops.csv" | tr -d ' \n')" = efbbbf ] ||
  { echo "README example: stops.csv does not start with a UTF-8 byte order mark"; exit 1; }
grep -q $'\r$' "$work/stops.csv" ||
  { echo "README example: stops.csv does not have CRLF line ends"; exit 1; }
echo "readme examples: ok"
