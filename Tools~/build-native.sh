#!/usr/bin/env bash
# Builds the libtorch shim (Training~/native) with CMake. Torch is found with find_package(Torch):
# Debian's libtorch-dev by default; point Torch_DIR (or CMAKE_PREFIX_PATH) at another libtorch,
# e.g. the one inside a PyTorch install, to build against it (CUDA builds included).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src="$root/Training~/native"
build="${WASSERFORGE_NATIVE_BUILD:-$src/build}"
[[ -f "$src/CMakeLists.txt" ]] || { echo "[native] no shim sources yet"; exit 0; }
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release ${Torch_DIR:+-DTorch_DIR="$Torch_DIR"} >/dev/null
# A failed compile must fail the script even when an older library is still in the build folder.
status=0
cmake --build "$build" -j"$(nproc)" > "$build/build.log" 2>&1 || status=$?
grep -Ev '^\[ *[0-9]+%\]' "$build/build.log" || true
[[ $status -eq 0 ]] || { echo "[native] shim build failed (see $build/build.log)" >&2; exit 1; }
test -n "$(ls "$build"/libwasserforge_torch.* 2>/dev/null)" || { echo "[native] shim build failed" >&2; exit 1; }
echo "[native] built $(ls "$build"/libwasserforge_torch.*)"
