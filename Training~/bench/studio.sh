#!/usr/bin/env bash
# Studio benchmark: time from a recentre click to all 64 images of an 8x8 grid from a 64x64
# generator loaded in headless chromium (Debian's). Makes the generator (random weights) first.
# Usage: Training~/bench/studio.sh [CLICKS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 "$root/Training~/bench/studio/make_generator64.py" "$work/dcgan64.onnx"
export WF_STUDIO_BENCH_MODEL="$work/dcgan64.onnx" WF_STUDIO_BENCH_OUT="$work/result.txt" WF_STUDIO_BENCH_CLICKS="${1:-10}"
dotnet test "$root/Training~/tests/Wasserforge.Studio.Tests/Wasserforge.Studio.Tests.csproj" -c Release --nologo \
  --filter "FullyQualifiedName~StudioBenchmark" >"$work/test.log" 2>&1 || { cat "$work/test.log"; exit 1; }
echo "machine: $(lscpu | sed -n 's/^Model name: *//p') ($(nproc) cores); date: $(date -u +%F)"
cat "$work/result.txt"
