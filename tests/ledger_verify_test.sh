#!/usr/bin/env bash
# Checks that the evidence ledger a demo server publishes verifies with the standard Go
# transparency-log client (golang.org/x/mod/sumdb, Debian's golang-golang-x-mod-dev), using the
# checker in tests/ledger_verify/main.go:
#   1. the checkpoint, tiles, entry bundles, proofs and receipts of the demo ledger verify;
#   2. after 300 more writes (crossing the first 256-entry tile), they verify again, and the new
#      checkpoint is consistent with the first one (tlog.ProveTree/CheckTree); with the server
#      stopped, the ledger directory read from disk (file:// URL) verifies as well;
#   3. with one byte of the full tile tile/0/000 flipped on disk, the served log fails to verify;
#   4. with the checkpoint's root or signature altered on disk, the server refuses to start and
#      the checker rejects the ledger directory read from disk.
# Usage: ledger_verify_test.sh GONGSHU_BINARY LEDGER_VERIFY_SOURCE_DIR
set -euo pipefail
gongshu=$1
verifier_source=$2
writes=300

work=$(mktemp -d)
data=$work/data
ledger=$data/ledger
server_pid=
base=
cleanup() {
  stop_server
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "ledger_verify: $*" >&2
  exit 1
}

build_verifier() {
  command -v go >/dev/null || fail "no go toolchain: run scripts/install-deps.sh (golang-go)"
  [ -d /usr/share/gocode/src/golang.org/x/mod/sumdb ] ||
    fail "no golang.org/x/mod sources: run scripts/install-deps.sh (golang-golang-x-mod-dev)"
  (cd "$verifier_source" &&
    GOPATH=/usr/share/gocode GO111MODULE=off GOFLAGS='' GOENV=off GOPROXY=off \
      GOCACHE="$work/gocache" go build -o "$work/ledger_verify" .)
}

# The rate limits are off: the writes and the checker's requests come quickly from one address.
start_server() {
  rm -f "$work/port"
  GONGSHU_ACCESS_LOG=off GONGSHU_STATIC_DIR=/nonexistent \
    GONGSHU_RATE_LIMIT_PER_ADDRESS=0 GONGSHU_RATE_LIMIT_PER_TOKEN=0 \
    "$gongshu" serve --data-dir "$data" --listen 127.0.0.1:0 --port-file "$work/port" \
    >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do
    [ -s "$work/port" ] && break
    if ! kill -0 "$server_pid" 2>/dev/null; then
      server_pid=
      fail "the server exited at start: $(cat "$work/server.log")"
    fi
    sleep 0.1
  done
  [ -s "$work/port" ] || fail "the server did not start within 10 s"
  base=http://127.0.0.1:$(cat "$work/port")
}

stop_server() {
  [ -n "$server_pid" ] || return 0
  kill "$server_pid" 2>/dev/null || true
  for _ in $(seq 100); do
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=
}

checkpoint_size() {
  curl -sf --max-time 5 "$base/ledger/checkpoint" | sed -n 2p
}

# Waits (at most 30 s) until the served checkpoint covers at least $1 entries.
wait_for_size() {
  local size=0
  for _ in $(seq 300); do
    size=$(checkpoint_size || echo 0)
    [ "${size:-0}" -ge "$1" ] && return 0
    sleep 0.1
  done
  fail "the checkpoint covers $size entries after 30 s, want at least $1"
}

# Waits (at most 10 s) until two checkpoints 0.3 s apart have the same size.
wait_for_quiet_ledger() {
  local previous=-1 size
  for _ in $(seq 30); do
    size=$(checkpoint_size || echo 0)
    [ -n "$size" ] && [ "$size" -gt 0 ] && [ "$size" = "$previous" ] && return 0
    previous=$size
    sleep 0.3
  done
  fail "the ledger did not settle within 10 s (size $previous)"
}

# Runs the checker against the running server; extra arguments go to it. Output in $work/verify.out.
verify_served() {
  "$work/ledger_verify" -url "$base/ledger" -api "$base/api/v1/ledger" -vkey "$vkey" "$@" \
    >"$work/verify.out" 2>&1
}

# Runs the checker against the ledger directory on disk.
verify_on_disk() {
  "$work/ledger_verify" -url "file://$ledger" -vkey "$vkey" >"$work/verify.out" 2>&1
}

expect_verified() {
  if ! "$@"; then
    cat "$work/verify.out" >&2
    fail "$1: the Go client rejected the ledger"
  fi
  sed 's/^/  /' "$work/verify.out"
}

# expect_rejected REASON COMMAND...: the command must fail, printing REASON.
expect_rejected() {
  local reason=$1
  shift
  if "$@"; then
    cat "$work/verify.out" >&2
    fail "$1: the Go client accepted a tampered ledger"
  fi
  grep -qF -- "$reason" "$work/verify.out" || {
    cat "$work/verify.out" >&2
    fail "$1 failed, but without \"$reason\""
  }
  sed 's/^/  /' "$work/verify.out"
}

# Flips the low bit of byte $2 of file $1.
flip_byte() {
  local value
  value=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
  [ -n "$value" ] || fail "$1 has no byte $2"
  printf '%b' "\\0$(printf '%03o' $((value ^ 1)))" |
    dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}

# Replaces, in file $1, the first occurrence of the string $2 with $3.
replace_in_file() {
  awk -v old="$2" -v new="$3" '
    !done && (i = index($0, old)) { $0 = substr($0, 1, i - 1) new substr($0, i + length(old)); done = 1 }
    { print }' "$1" >"$1.new"
  cmp -s "$1" "$1.new" && fail "replace_in_file: \"$2\" not found in $1"
  mv "$1.new" "$1"
}

# The server must refuse to start on the current data directory, saying $1.
expect_server_refuses() {
  local status=0
  GONGSHU_ACCESS_LOG=off GONGSHU_STATIC_DIR=/nonexistent \
    timeout 10 "$gongshu" serve --data-dir "$data" --listen 127.0.0.1:0 \
    --port-file "$work/refused.port" >"$work/refused.log" 2>&1 || status=$?
  if [ "$status" -eq 0 ] || [ "$status" -eq 124 ] || [ -s "$work/refused.port" ]; then
    cat "$work/refused.log" >&2
    fail "the server started (exit status $status) on a tampered checkpoint"
  fi
  grep -qF -- "$1" "$work/refused.log" || {
    cat "$work/refused.log" >&2
    fail "the server refused to start, but without \"$1\""
  }
  echo "  server refused to start (exit status $status): $(cat "$work/refused.log")"
}

restore_ledger() {
  rm -rf "$ledger"
  cp -a "$work/ledger.genuine" "$ledger"
}

# A checkpoint root or signature altered on disk: the server refuses it, the checker too.
check_tampered_checkpoint() {
  local what=$1 old=$2 new=$3
  echo "tampered checkpoint ($what):"
  restore_ledger
  replace_in_file "$ledger/checkpoint" "$old" "$new"
  expect_server_refuses "the checkpoint is not signed by this node's key"
  expect_rejected "note.Open rejected the checkpoint: invalid signature for key $key_name" \
    verify_on_disk
}

SECONDS=0
build_verifier
echo "built the Go checker in ${SECONDS} s"

"$gongshu" demo --data-dir "$data" >/dev/null
token=$("$gongshu" token create --data-dir "$data" --username admin --scope '*' 2>/dev/null | head -n 1)
[ -n "$token" ] || fail "no API token"
start_server
vkey=$(curl -sf --max-time 5 "$base/ledger/key")
key_name=${vkey%%+*}
[ -n "$key_name" ] || fail "no verifier key at $base/ledger/key"
wait_for_quiet_ledger

echo "pass 1: the demo ledger"
expect_verified verify_served
first=$(sed -n 's/^verified size=\([0-9]*\) root=\(.*\)$/\1 \2/p' "$work/verify.out")
read -r first_size first_root <<<"$first"
[ -n "$first_root" ] || fail "the checker printed no verified size and root"

started=$SECONDS
for i in $(seq "$writes"); do
  status=$(curl -s --max-time 5 -o "$work/write.json" -w '%{http_code}' \
    -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"name\":\"账本核验机构 $i\",\"type\":\"department\",\"division_code\":\"350100\"}" \
    "$base/api/v1/organizations")
  [ "$status" = 201 ] || fail "creating organization $i: HTTP $status $(cat "$work/write.json")"
done
wait_for_size $((first_size + writes))
wait_for_quiet_ledger
echo "$writes writes recorded in $((SECONDS - started)) s; size $(checkpoint_size)"
[ "$(checkpoint_size)" -gt 256 ] || fail "the ledger does not cross the first tile boundary"

echo "pass 2: after $writes writes, consistent with size $first_size"
expect_verified verify_served -old-size "$first_size" -old-root "$first_root"

echo "pass 3: the ledger directory read from disk"
stop_server
expect_verified verify_on_disk
cp -a "$ledger" "$work/ledger.genuine"

echo "tampered tile tile/0/000 (one bit of entry 7's leaf hash):"
flip_byte "$ledger/tile/0/000" $((7 * 32 + 5))
start_server
expect_rejected "served tile tile/0/000 differs from the tile re-derived from the entry bundles" \
  verify_served
stop_server

root=$(sed -n 3p "$work/ledger.genuine/checkpoint")
check_tampered_checkpoint "root replaced by the root of size $first_size" "$root" "$first_root"
signature=$(sed -n 's/^— [^ ]* //p' "$work/ledger.genuine/checkpoint")
flipped=${signature:0:20}$([ "${signature:20:1}" = A ] && echo B || echo A)${signature:21}
check_tampered_checkpoint "one signature character changed" "$signature" "$flipped"

echo "ledger_verify: ok (${SECONDS} s)"
