#!/usr/bin/env bash
# Style checks run by `make lint` and `make test`: clang-format (no diff allowed) and clang-tidy
# (naming and a few bug-prone patterns) over every C++ file of the project.
set -euo pipefail
build_dir=${1:-build}
cd "$(dirname "$0")/.."

mapfile -t files < <(git ls-files --cached --others --exclude-standard -- '*.cc' '*.h' | while read -r f; do [ -f "$f" ] && echo "$f"; done)
if [ ${#files[@]} -eq 0 ]; then
  echo "lint: no C++ files"
  exit 0
fi

clang-format --dry-run -Werror "${files[@]}"
echo "clang-format: ${#files[@]} files clean"

mapfile -t sources < <(printf '%s\n' "${files[@]}" | grep '\.cc$')
if command -v run-clang-tidy >/dev/null 2>&1; then
  run-clang-tidy -quiet -p "$build_dir" -j "$(nproc)" "${sources[@]/#/$PWD/}" >"$build_dir/clang-tidy.log" 2>&1 || {
    grep -E 'warning:|error:' "$build_dir/clang-tidy.log" | sort -u | head -50
    echo "clang-tidy: problems found (full log in $build_dir/clang-tidy.log)"
    exit 1
  }
else
  printf '%s\n' "${sources[@]}" | xargs -P "$(nproc)" -n 4 clang-tidy -quiet -p "$build_dir" >"$build_dir/clang-tidy.log" 2>&1 || {
    grep -E 'warning:|error:' "$build_dir/clang-tidy.log" | sort -u | head -50
    echo "clang-tidy: problems found (full log in $build_dir/clang-tidy.log)"
    exit 1
  }
fi
echo "clang-tidy: ${#sources[@]} files clean"
