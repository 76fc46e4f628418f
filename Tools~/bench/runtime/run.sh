#!/usr/bin/env bash
# Runtime benchmark: Wasserforge's GeneratorModel vs onnxruntime-node 1.30 on the same exported
# DCGAN generators (32, 64, 128 px; batch 1 and 16), same thread count, in the same run.
# Prints a markdown table. usage: Tools~/bench/runtime/run.sh [REPEATS=50]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
repeats="${1:-50}"
threads="$(nproc)"
cache="${WASSERFORGE_CACHE:-$HOME/.cache/wasserforge}"
cd "$root"
"$root/Tools~/setup.sh" >/dev/null
node_dir="$(mktemp -d)"
trap 'rm -rf "$node_dir"' EXIT
mkdir -p "$node_dir/node_modules/onnxruntime-node" "$node_dir/node_modules/onnxruntime-common"
(cd "$cache" && [ -f onnxruntime-common-1.30.0.tgz ] || npm pack --silent onnxruntime-common@1.30.0 >/dev/null)
tar xzf "$cache/onnxruntime-node-1.30.0.tgz" -C "$node_dir/node_modules/onnxruntime-node" --strip-components=1
tar xzf "$cache/onnxruntime-common-1.30.0.tgz" -C "$node_dir/node_modules/onnxruntime-common" --strip-components=1
dotnet build "Training~/src/Wasserforge.Cli" -c Release --nologo -v quiet >/dev/null
models="$root/out~/bench"
ours="$(dotnet Training~/src/Wasserforge.Cli/bin/Release/net10.0/wasserforge.dll bench runtime --models "$models" --threads "$threads" --repeats "$repeats")"
peer="$(ORT_NODE_DIR="$node_dir" node "$root/Tools~/bench/runtime/peer.js" "$threads" "$repeats" "$models"/dcgan_32.onnx "$models"/dcgan_64.onnx "$models"/dcgan_128.onnx)"
python3 - "$ours" "$peer" "$threads" <<'PY'
import json, sys, subprocess, datetime
ours, peer, threads = json.loads(sys.argv[1]), json.loads(sys.argv[2]), sys.argv[3]
cpu = next((l.split(":", 1)[1].strip() for l in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines() if l.startswith("Model name")), "unknown")
print(f"Machine: {cpu}, {threads} threads. Date: {datetime.date.today()}.\n")
print("| generator | batch | ours (ms) | onnxruntime-node (ms) | overhead | RGBA conversion (ms, % of model) | GFLOP/s |")
print("|---|---|---|---|---|---|---|")
for o in ours:
    p = next(x for x in peer if x["model"] == o["Model"] and x["batch"] == o["Batch"])
    gflops = 2 * o["MacsPerSample"] * o["Batch"] / (o["GenerateMs"] / 1000) / 1e9
    print(f"| {o['Size']}x{o['Size']} | {o['Batch']} | {o['GenerateMs']:.3f} | {p['ms']:.3f} | {(o['GenerateMs'] / p['ms'] - 1) * 100:+.1f}% | "
          f"{o['ConvertMs']:.3f} ({o['ConvertMs'] / o['GenerateMs'] * 100:.1f}%) | {gflops:.1f} |")
PY
