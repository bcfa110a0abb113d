# Sourced by build-worker.sh and build-full.sh (Trunk post_build hooks): builds one of the
# crate's binaries for wasm32 into Trunk's staging dir, which Trunk cannot do itself for a
# second binary with its own features or cargo profile.
#
# build_wasm BIN PROFILE OUT_NAME BINDGEN_TARGET WASM_OPT [CARGO_ARGS...]
#   PROFILE is the cargo profile of a release build (`trunk build --release`); a dev build
#   uses `dev`. WASM_OPT is wasm-opt's level (e.g. -Oz), applied to release builds only.
#   Writes OUT_NAME.js and OUT_NAME_bg.wasm into $TRUNK_STAGING_DIR.
build_wasm() {
  local bin=$1 profile=$2 out_name=$3 bindgen_target=$4 wasm_opt=$5
  shift 5
  : "${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
  if [ "${TRUNK_PROFILE:-release}" != "release" ]; then
    profile=dev
  fi
  local dir
  dir=$([ "$profile" = dev ] && echo debug || echo "$profile")
  local target_dir=${CARGO_TARGET_DIR:-target}
  cargo build --locked --profile "$profile" --target wasm32-unknown-unknown --bin "$bin" \
    --target-dir "$target_dir" "$@"
  wasm-bindgen --target "$bindgen_target" --no-typescript --out-dir "$TRUNK_STAGING_DIR" \
    --out-name "$out_name" "$target_dir/wasm32-unknown-unknown/$dir/$bin.wasm"
  if [ "$profile" != dev ]; then
    local wasm="$TRUNK_STAGING_DIR/${out_name}_bg.wasm"
    wasm-opt "$wasm_opt" --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-mutable-globals --enable-reference-types --enable-multivalue "$wasm" -o "$wasm"
  fi
  echo "build-wasm: $out_name built with the $profile profile"
}
