#!/usr/bin/env bash
# Texture benchmark: time and peak memory of one seamless RGBA texture of 256 x 256 and 1024 x 1024 from a
# texture model (Tools~/bench/texture/make_model.py: the trainer's 3-level shape, random weights), CPU
# provider, generated in tiles (TextureTileCells 32, the default) and as one whole-graph run (tile > texture),
# one process per configuration (peak resident memory above the loaded model), configurations alternating
# within each round and the order reversed every other round. Prints a markdown table of medians over rounds.
# usage: Tools~/bench/texture/run.sh [REPEATS=3] [ROUNDS=3] [THREADS=1]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
repeats="${1:-3}"
rounds="${2:-3}"
threads="${3:-1}"
cd "$root"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

/usr/bin/python3 Tools~/bench/texture/make_model.py "$work/texture.onnx"
dotnet build "Projects~/Wasserforge.Runtime.Bench/Wasserforge.Runtime.Bench.csproj" -c Release --nologo -v quiet >/dev/null
bench="Projects~/Wasserforge.Runtime.Bench/bin/Release/net10.0/wasserforge-runtime-bench.dll"

configs=("256 32" "256 100000" "1024 32" "1024 100000")
for r in $(seq 1 "$rounds"); do
  order=("${configs[@]}")
  if [ $((r % 2)) -eq 0 ]; then order=("1024 100000" "1024 32" "256 100000" "256 32"); fi
  for c in "${order[@]}"; do
    set -- $c
    dotnet "$bench" texture "$work/texture.onnx" "$1" "$2" "$repeats" "$threads" >> "$work/results.jsonl"
  done
done

/usr/bin/python3 - "$work/results.jsonl" "$threads" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print(f"| texture | generation | time (ms, median of rounds) | fastest (ms) | peak memory above the model (MiB) |")
print("|---|---|---|---|---|")
for size in (256, 1024):
    for tile in (32, 100000):
        rs = [r for r in rows if r["size"] == size and r["tile"] == tile]
        how = "tiled (32-cell tiles + 2-cell halo)" if tile == 32 else "whole graph, one run"
        print(f"| {size}x{size} | {how} | {statistics.median(r['median_ms'] for r in rs):.0f} | {min(r['min_ms'] for r in rs):.0f} | {statistics.median(r['peak_mib'] for r in rs):.0f} |")
print(f"\n{len(rows)} processes, {sys.argv[2]} intra-op thread(s)")
PY
