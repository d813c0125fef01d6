#!/usr/bin/env bash
# Installs the Debian packages Gongshu needs to build, test and benchmark.
# Idempotent: asks apt only for packages that are not installed yet; uses sudo when not root.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config ccache mold
  libboost1.81-dev libsqlite3-dev sqlite3 libsodium-dev libssl-dev nlohmann-json3-dev libicu-dev
  libtomlplusplus-dev libgtest-dev libgmock-dev libbenchmark-dev
  libzip-dev libexpat1-dev libxlsxwriter-dev
  clang-format clang-tidy
  wrk nginx-light curl
  golang-go golang-golang-x-mod-dev
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

# Node.js and npm run the test tools of tests/dcat (SHACL validation) and build the portal. A
# machine that already has them (from any source) keeps its own.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi

echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
