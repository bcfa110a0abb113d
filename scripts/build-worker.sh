#!/usr/bin/env bash
# Run by scripts/post-build.sh (Trunk's post_build hook), before post-build.mjs, so the
# service worker caches the worker's files. Builds the import worker (src/bin/worker.rs) with
# its own cargo profile. The site is built for size (`opt-level = "z"`); the worker is not
# part of the first load, and built for speed ([profile.worker]: opt-level 3, then
# wasm-opt -O3) it reads and analyses a large file about 1.5 times faster.
# Writes salesplan-worker.js, salesplan-worker_bg.wasm and the loader the page starts.
set -euo pipefail
cd "${TRUNK_SOURCE_DIR:-.}"
source scripts/build-wasm.sh
build_wasm salesplan-worker worker salesplan-worker no-modules -O3
printf 'importScripts("./salesplan-worker.js");wasm_bindgen("./salesplan-worker_bg.wasm");\n' \
  > "$TRUNK_STAGING_DIR/salesplan-worker_loader.js"
