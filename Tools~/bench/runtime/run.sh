#!/usr/bin/env bash
# Runtime benchmark, one run, CPU provider, same intra-op thread count, same latents, on DCGAN-like
# generators (32, 64, 128 px; batch 1 and 16): Wasserforge's GeneratorModel, the same model through
# ONNX Runtime's C# API used the fastest way (OrtValues over preallocated arrays, bound once to an
# OrtIoBinding; both NuGet Microsoft.ML.OnnxRuntime, in one process, alternating call by call), and
# onnxruntime-node 1.30 (a separate process). The C# process and Node alternate for ROUNDS rounds;
# each number is the median over rounds of per-round medians; "ours vs raw" is the median over rounds of
# the per-call ratios' medians (each ours call is paired with the raw call next to it), and odd rounds
# create the raw session first. Prints a markdown table.
# usage: Tools~/bench/runtime/run.sh [REPEATS=50] [ROUNDS=3] [THREADS=nproc]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
repeats="${1:-50}"
rounds="${2:-3}"
threads="${3:-$(nproc)}"
cache="${WASSERFORGE_CACHE:-$HOME/.cache/wasserforge}"
cd "$root"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# onnxruntime-node and its onnxruntime-common dependency, unpacked from the cached npm tarballs
# (fetched with `npm pack`, which never runs the package's install script).
mkdir -p "$cache" "$work/node_modules/onnxruntime-node" "$work/node_modules/onnxruntime-common"
for pkg in onnxruntime-node onnxruntime-common; do
  [ -f "$cache/$pkg-1.30.0.tgz" ] || (cd "$cache" && npm pack --silent "$pkg@1.30.0" >/dev/null)
  tar xzf "$cache/$pkg-1.30.0.tgz" -C "$work/node_modules/$pkg" --strip-components=1
done

# The generators: made now (not committed), with their multiply-add counts.
/usr/bin/python3 "$root/Tools~/bench/runtime/make_models.py" "$work/models"
models=("$work/models/dcgan_32.onnx" "$work/models/dcgan_64.onnx" "$work/models/dcgan_128.onnx")

dotnet build "Projects~/Wasserforge.Runtime.Bench/Wasserforge.Runtime.Bench.csproj" -c Release --nologo -v quiet >/dev/null
bench="Projects~/Wasserforge.Runtime.Bench/bin/Release/net10.0/wasserforge-runtime-bench.dll"

for r in $(seq 1 "$rounds"); do
  # Odd rounds create the raw session first, so neither side always gets the first memory placement.
  order=(); (( r % 2 == 0 )) && order=(--raw-first)
  dotnet "$bench" "$threads" "$repeats" "${order[@]}" "${models[@]}" > "$work/ours_$r.json"
  ORT_NODE_DIR="$work" node "$root/Tools~/bench/runtime/peer.js" "$threads" "$repeats" "${models[@]}" > "$work/node_$r.json"
done

/usr/bin/python3 - "$work" "$rounds" "$threads" <<'PY'
import datetime, json, os, statistics, subprocess, sys
work, rounds, threads = sys.argv[1], int(sys.argv[2]), sys.argv[3]
ours = [json.load(open(os.path.join(work, f"ours_{r}.json"))) for r in range(1, rounds + 1)]
node = [json.load(open(os.path.join(work, f"node_{r}.json"))) for r in range(1, rounds + 1)]
lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines()
cpu = next((l.split(":", 1)[1].strip() for l in lscpu if l.startswith("Model name")), "unknown")
cores = next((l.split(":", 1)[1].strip() for l in lscpu if l.startswith("CPU(s)")), "?")
load = open("/proc/loadavg").read().split()[0] if os.path.exists("/proc/loadavg") else "?"
ort = ours[0][0]["ort"]
print(f"Machine: {cpu}, {cores} CPUs; {threads} intra-op threads on every side. Date: {datetime.date.today()}. "
      f"Load average at the end: {load}. {rounds} rounds. Ours and raw: ONNX Runtime {ort} (NuGet); node: onnxruntime-node 1.30.0.\n")
print("| generator | batch | MFLOP/sample | ours (ms) | raw C# API (ms) | ours vs raw (paired) | onnxruntime-node (ms) | ours vs node | RGBA conversion (ms, % of model) |")
print("|---|---|---|---|---|---|---|---|---|")
for i, row in enumerate(ours[0]):
    key = lambda x: (x["model"], x["batch"])
    o = statistics.median(r[i]["median_ms"] for r in ours)
    raw = statistics.median(r[i]["raw_median_ms"] for r in ours)
    paired = statistics.median(r[i]["paired_ratio"] for r in ours)   # per-call pairs: the overhead measure
    conv = statistics.median(r[i]["convert_ms"] for r in ours)
    n = statistics.median(next(x for x in r if key(x) == key(row))["median_ms"] for r in node)
    macs = json.load(open(row["model"][:-5] + ".json"))["macs"]
    print(f"| {row['size']}x{row['size']} | {row['batch']} | {2 * macs / 1e6:.0f} | {o:.3f} | {raw:.3f} | {(paired - 1) * 100:+.1f}% | "
          f"{n:.3f} | {(o / n - 1) * 100:+.1f}% | {conv:.3f} ({conv / o * 100:.1f}%) |")
PY
