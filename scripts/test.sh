#!/usr/bin/env bash
# Runs every test: formatting and lints, native model tests, wasm tests in headless Chromium,
# the release build, and end-to-end tests that drive the built site in Chromium.
# Exits non-zero if any layer fails; the last line is "N passed, N failed".
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }
source scripts/env.sh
export CHROMEDRIVER=/usr/bin/chromedriver

LOG_DIR="$(mktemp -d)"
passed=0
failed=0
failed_layers=()

# Runs one layer, shows its output, and adds its counts (cargo's "test result" lines or
# node's "# pass/# fail" lines; a layer without counts counts as one check).
layer() {
  local name="$1"; shift
  local log="$LOG_DIR/$name.log"
  printf '\n=== %s: %s\n' "$name" "$*"
  "$@" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  local p f
  p=$( { grep -oE '[0-9]+ passed' "$log" | awk '{s+=$1} END {print s+0}'; } )
  f=$( { grep -oE '[0-9]+ failed' "$log" | awk '{s+=$1} END {print s+0}'; } )
  local np nf
  np=$(grep -E '^# pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
  nf=$(grep -E '^# fail [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
  p=$((p + np)); f=$((f + nf))
  if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
    if [ "$status" -eq 0 ]; then p=1; else f=1; fi
  elif [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
    f=1
  fi
  passed=$((passed + p)); failed=$((failed + f))
  if [ "$status" -ne 0 ]; then failed_layers+=("$name"); fi
}

layer fmt cargo fmt --all -- --check
layer clippy-native cargo clippy --all-targets -- -D warnings
layer clippy-wasm cargo clippy --target wasm32-unknown-unknown --lib --bins --test browser -- -D warnings
layer native cargo test
layer wasm cargo test --target wasm32-unknown-unknown --test browser
layer build trunk build --release
if [ -f dist/index.html ] && [[ ! " ${failed_layers[*]-} " =~ " build " ]]; then
  layer size node scripts/size.mjs
  layer e2e node --test --test-concurrency=2 tests/e2e/
else
  failed=$((failed + 1)); failed_layers+=("e2e (no build)")
fi

printf '\n=== summary\n'
if [ ${#failed_layers[@]} -gt 0 ]; then
  echo "failed layers: ${failed_layers[*]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
