#!/usr/bin/env bash
# Builds what is left of the native shim (Training~/native: stb_image for image decoding, no libtorch)
# with CMake. It goes when the managed image decoder lands.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src="$root/Training~/native"
build="${WASSERFORGE_NATIVE_BUILD:-$src/build}"
[[ -f "$src/CMakeLists.txt" ]] || { echo "[native] no shim sources yet"; exit 0; }
# A build folder configured for the old libtorch shim is reconfigured from scratch.
grep -qs "Torch_DIR" "$build/CMakeCache.txt" && rm -rf "$build"
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
# A failed compile must fail the script even when an older library is still in the build folder.
status=0
cmake --build "$build" -j"$(nproc)" > "$build/build.log" 2>&1 || status=$?
grep -Ev '^\[ *[0-9]+%\]' "$build/build.log" || true
[[ $status -eq 0 ]] || { echo "[native] shim build failed (see $build/build.log)" >&2; exit 1; }
test -n "$(ls "$build"/libwasserforge_torch.* 2>/dev/null)" || { echo "[native] shim build failed" >&2; exit 1; }
echo "[native] built $(ls "$build"/libwasserforge_torch.*)"
