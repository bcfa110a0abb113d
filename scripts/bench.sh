#!/usr/bin/env bash
# Benchmarks: builds the release site, then measures it in headless Chromium
# (scripts/bench-browser.mjs -> bench/results.{json,md}). `--native` also runs `cargo bench`.
# The environment of bench-browser.mjs passes through (BENCH_ONLY, BENCH_LOADS, BENCH_STRICT...).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/build.sh
source scripts/env.sh
node scripts/bench-browser.mjs
if [ "${1:-}" = "--native" ]; then cargo bench; fi
