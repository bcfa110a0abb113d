#!/usr/bin/env bash
# Run by scripts/post-build.sh (Trunk's post_build hook), before post-build.mjs, so the
# service worker caches its files. Builds the full app: the same binary as the first load
# without the `light` feature, i.e. with every page (src/ui/handover.rs). The light app
# starts it (static/full-start.js) when one of its pages is opened. Its own cargo profile
# ([profile.full], release settings) keeps its artifacts apart from the light build's, so
# neither rebuild undoes the other. Writes salesplan-full.js and salesplan-full_bg.wasm.
set -euo pipefail
: "${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
cd "${TRUNK_SOURCE_DIR:-.}"

if [ "${TRUNK_PROFILE:-release}" = "release" ]; then
  profile=full
else
  profile=dev
fi
dir=$([ "$profile" = dev ] && echo debug || echo "$profile")
# The dev build shares target/.../debug with Trunk's light build: a separate target dir.
target_dir=$([ "$profile" = dev ] && echo target/full-dev || echo target)
cargo build --locked --profile "$profile" --target wasm32-unknown-unknown --bin salesplan \
  --target-dir "$target_dir"
wasm-bindgen --target web --no-typescript --out-dir "$TRUNK_STAGING_DIR" \
  --out-name salesplan-full "$target_dir/wasm32-unknown-unknown/$dir/salesplan.wasm"
if [ "$profile" = full ]; then
  wasm="$TRUNK_STAGING_DIR/salesplan-full_bg.wasm"
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue "$wasm" -o "$wasm"
fi
echo "build-full: the full app built with the $profile profile"
