#!/usr/bin/env bash
# Run by scripts/post-build.sh (Trunk's post_build hook), before post-build.mjs, so the
# service worker caches its files. Builds the full app: the same binary as the first load
# without the `light` feature, i.e. with every page (src/ui/handover.rs). The light app
# starts it (static/full-start.js) when one of its pages is opened. Its own cargo profile
# ([profile.full], release settings) keeps its artifacts apart from the light build's, so
# neither rebuild undoes the other; a dev build gets its own target dir for the same reason.
# Writes salesplan-full.js and salesplan-full_bg.wasm.
set -euo pipefail
cd "${TRUNK_SOURCE_DIR:-.}"
source scripts/build-wasm.sh
if [ "${TRUNK_PROFILE:-release}" != "release" ]; then
  export CARGO_TARGET_DIR=target/full-dev
fi
build_wasm salesplan full salesplan-full web -Oz
