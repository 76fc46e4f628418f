#!/usr/bin/env bash
# The deterministic device's benchmark (Documentation~/deterministic.md, docs/benchmarks.md):
#  1. latency: the DCGAN-like 32 and 64 px generators of Tools~/bench/runtime/make_models.py and the bundled
#     sample, batch 1 and 16, ONNX Runtime's CPU provider and the deterministic device with the same thread
#     count in the same process, alternating for ROUNDS rounds of REPEATS timed calls (median of round medians);
#  2. quality (unless QUALITY=0): the difference from ORT's floats on the bundled sample and the two test
#     generators (floats, 8-bit levels, SWD against real images) and side-by-side sheets in OUT.
# The sprite sheet for the SWD comes from Debian's angband-data (downloaded, not installed).
# usage: Tools~/bench/deterministic/run.sh [THREADS=nproc] [ROUNDS=5] [REPEATS=40] [COUNT=512] [OUT=out~/deterministic]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
threads="${1:-$(nproc)}"; rounds="${2:-5}"; repeats="${3:-40}"; count="${4:-512}"; out="${5:-$root/out~/deterministic}"
cache="${WASSERFORGE_CACHE:-$HOME/.cache/wasserforge}/debian-data"
cd "$root"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

/usr/bin/python3 "$root/Tools~/bench/runtime/make_models.py" "$work/models"
dotnet build "Projects~/Wasserforge.Deterministic.Bench/Wasserforge.Deterministic.Bench.csproj" -c Release --nologo -v quiet >/dev/null
bench=(dotnet "Projects~/Wasserforge.Deterministic.Bench/bin/Release/net10.0/wasserforge-deterministic-bench.dll")

echo "Machine: $(lscpu | sed -n 's/^Model name: *//p') ($(nproc) CPUs); $threads threads on both sides. Date: $(date -u +%F). Load average at the start: $(cut -d' ' -f1 /proc/loadavg)."
echo
"${bench[@]}" latency "$threads" "$rounds" "$repeats" "$work/models/dcgan_32.onnx" "$work/models/dcgan_64.onnx" "Samples~/TextureFromSeed/ProceduralTextures.onnx"
echo
echo "Load average at the end: $(cut -d' ' -f1 /proc/loadavg)."
[[ "${QUALITY:-1}" == 0 ]] && exit 0

if [ ! -d "$cache/angband-data" ]; then
  mkdir -p "$cache"
  (cd "$cache" && { ls angband-data_*.deb >/dev/null 2>&1 || apt-get download angband-data >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get download angband-data >/dev/null; }; })
  dpkg-deb -x "$(ls "$cache"/angband-data_*.deb | head -1)" "$cache/angband-data.tmp" && mv "$cache/angband-data.tmp" "$cache/angband-data"
fi
echo
"${bench[@]}" quality "$out" "$count" "$cache/angband-data/usr/share/angband/xtra/graf/16x16.png"
echo
echo "Sheets: $out/deterministic-{sample,tileable,sprites}.png"
