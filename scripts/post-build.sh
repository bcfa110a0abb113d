#!/usr/bin/env bash
# Trunk's post_build hook. Trunk starts the hooks of one stage all at once, so their order
# lives here: first the import worker and the full app (their files must exist), then
# post-build.mjs, which externalises the boot script and writes the service worker's list of
# every built file.
set -euo pipefail
cd "${TRUNK_SOURCE_DIR:-.}"
bash scripts/build-worker.sh
bash scripts/build-full.sh
node scripts/post-build.mjs
