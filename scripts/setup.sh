#!/usr/bin/env bash
# Installs what the build and the tests need, only what is missing (idempotent, offline-safe
# once installed). Run by build.sh, serve.sh and test.sh; prints one line per step.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TRUNK_VERSION="0.21.14"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"

step() { printf '[setup] %s\n' "$*"; }

# 1. The wasm32 target of the one Rust toolchain.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# 2. Trunk, pinned: 0.22 needs a newer rustc than this machine has.
if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  step "installing trunk $TRUNK_VERSION (about 10 minutes, once)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

# 3. wasm-bindgen CLI: must equal the wasm-bindgen crate in Cargo.lock.
WB_VERSION="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)"
if ! wasm-bindgen --version 2>/dev/null | grep -q "$WB_VERSION" \
   || ! wasm-bindgen-test-runner --version 2>/dev/null | grep -q "$WB_VERSION"; then
  step "installing wasm-bindgen-cli $WB_VERSION"
  # No --locked: the registry's CLI lock file lags its releases.
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
fi

# 4. npm tools (wasm-opt from binaryen, playwright-core) from the committed lock file;
#    a stamp of the lock file's hash tells whether node_modules matches it.
LOCK_SUM="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ "$(cat node_modules/.lock-sha256 2>/dev/null)" != "$LOCK_SUM" ]; then
  step "installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$LOCK_SUM" > node_modules/.lock-sha256
fi

# 5. Debian's Chromium and ChromeDriver (never a downloaded browser).
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  step "installing chromium and chromium-driver from Debian"
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi

step "ready: $(trunk --version), wasm-bindgen $WB_VERSION, wasm-opt $(wasm-opt --version | awk '{print $3}'), $(/usr/bin/chromium --version 2>/dev/null | head -1)"
