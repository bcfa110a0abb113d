#!/usr/bin/env bash
# Run by scripts/post-build.sh (Trunk's post_build hook), before post-build.mjs, so the
# service worker caches the worker's files. Builds the import worker (src/bin/worker.rs) with its own cargo profile. The site is built
# for size (`opt-level = "z"`); the worker is not part of the first load, and built for
# speed ([profile.worker]: opt-level 3, then wasm-opt -O3) it reads and analyses a large
# file about 1.5 times faster. Trunk builds every binary with one profile, hence this hook.
# Writes salesplan-worker.js, salesplan-worker_bg.wasm and the loader the page starts.
set -euo pipefail
: "${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
cd "${TRUNK_SOURCE_DIR:-.}"

if [ "${TRUNK_PROFILE:-release}" = "release" ]; then
  profile=worker
else
  profile=dev
fi
dir=$([ "$profile" = dev ] && echo debug || echo "$profile")
cargo build --locked --profile "$profile" --target wasm32-unknown-unknown --bin salesplan-worker
wasm-bindgen --target no-modules --no-typescript --out-dir "$TRUNK_STAGING_DIR" \
  --out-name salesplan-worker "target/wasm32-unknown-unknown/$dir/salesplan-worker.wasm"
if [ "$profile" = worker ]; then
  wasm="$TRUNK_STAGING_DIR/salesplan-worker_bg.wasm"
  wasm-opt -O3 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue "$wasm" -o "$wasm"
fi
printf 'importScripts("./salesplan-worker.js");wasm_bindgen("./salesplan-worker_bg.wasm");\n' \
  > "$TRUNK_STAGING_DIR/salesplan-worker_loader.js"
echo "build-worker: salesplan-worker built with the $profile profile"
