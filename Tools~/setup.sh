#!/usr/bin/env bash
# One-time (idempotent) set-up for a fresh machine: Debian packages (libtorch, stb_image, and the
# Python checkers the tests use), the C# sources of the Unity ONNX Runtime package (for the Unity
# compile check; .NET builds get ONNX Runtime from NuGet), and the libtorch shim.
# Each step is skipped when already done.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

need=()
# libopenblas0-pthread: Debian's libtorch links the generic libblas.so.3; OpenBLAS takes over that
# alternative and makes GEMM (linear layers, im2col convolutions) about 8x faster.
# chromium: the studio's end-to-end browser tests drive Debian's chromium (never a downloaded browser).
for pkg in libtorch-dev libopenblas0-pthread libstb-dev python3-onnx python3-torch python3-numpy chromium; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if ((${#need[@]})); then
  sudo_cmd=""
  [[ $(id -u) == 0 ]] || sudo_cmd="sudo"
  log "installing Debian packages: ${need[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

"$root/Tools~/fetch-unity-onnxruntime.sh"
"$root/Tools~/build-native.sh"
