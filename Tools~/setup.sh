#!/usr/bin/env bash
# One-time (idempotent) set-up for a fresh machine: Debian packages (the Python checkers the tests
# and benchmarks use, chromium for the studio tests) and the C# sources of the Unity ONNX Runtime
# package (for the Unity compile check). The trainer's engine (TorchSharp, libtorch 2.10), ONNX
# Runtime for .NET and the image decoder come from NuGet with the .NET build.
# Each step is skipped when already done.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

need=()
# libopenblas0-pthread: Debian's python3-torch (the tests' independent checker and the benchmark's
# PyTorch 1.13 peer) links the generic libblas.so.3; OpenBLAS takes over that alternative and makes
# its GEMM about 8x faster.
# chromium: the studio's end-to-end browser tests drive Debian's chromium (never a downloaded browser).
for pkg in libopenblas0-pthread python3-onnx python3-torch python3-numpy chromium; do
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
