#!/usr/bin/env bash
# Builds the release site and serves it at http://127.0.0.1:8080 (PORT overrides the port).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/build.sh
exec node scripts/static-server.mjs dist "${PORT:-8080}" 127.0.0.1
