#!/usr/bin/env bash
# Builds the release site into dist/ (after making sure the tools are there).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh
source scripts/env.sh
trunk build --release
