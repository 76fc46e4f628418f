#!/usr/bin/env bash
# Engine benchmark: the WGAN-GP reference DCGAN pair (64x64, batch 64; 5 critic steps with gradient
# penalty + 1 generator step per iteration) on three sides, in the same run, alternating each round (the
# order rotates by round) so background load hits all alike, same thread count:
#   ours   `wasserforge bench engine`: the trainer's own model factory, loss and step code on TorchSharp
#   bare   BareTorchSharp/: the same loop written directly on TorchSharp (no trainer code)
#   torch  wgan_gp_dcgan.py: the same loop in PyTorch (Debian python3-torch 1.13 by default)
# Each side reports its mean rate and the rate of its fastest iteration (robust to other processes).
# Prints one markdown table row for docs/benchmarks.md. Goals: ours >= 0.97x bare, ours >= 1.3x PyTorch.
# usage: Training~/bench/run.sh [DEVICE=cpu|cuda] [WARMUP=1] [ITERATIONS=3] [ROUNDS=2]
# Ours and bare in one process, iteration by iteration (CPU; prints the per-pair times and ours/bare):
#   dotnet run --project Training~/bench/SameProcess -c Release -- PAIRS [THREADS]
# CUDA: build with the CUDA package (TORCH_PACKAGE=cuda-linux, restored from your own feed) and run the
# PyTorch peer with a CUDA PyTorch: PYTHON=python TORCH_PACKAGE=cuda-linux Training~/bench/run.sh cuda
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
device="${1:-cpu}"; warmup="${2:-1}"; iterations="${3:-3}"; rounds="${4:-2}"
python="${PYTHON:-/usr/bin/python3}"
threads="${THREADS:-$(nproc)}"
package="${TORCH_PACKAGE:-cpu}"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build "Training~/src/Wasserforge.Cli" -c Release --nologo -v quiet -p:TorchPackage="$package" >/dev/null
dotnet build "Training~/bench/BareTorchSharp" -c Release --nologo -v quiet -p:TorchPackage="$package" >/dev/null
cli="Training~/src/Wasserforge.Cli/bin/Release/net10.0/wasserforge.dll"
bare="Training~/bench/BareTorchSharp/bin/Release/net10.0/BareTorchSharp.dll"
ours=(); plain=(); theirs=()
run_ours() {
  out="$(dotnet "$cli" bench engine --device "$device" --warmup "$warmup" --iterations "$iterations" --threads "$threads")"
  ours+=("$(sed -n 's/^iters_per_s=//p' <<<"$out") $(sed -n 's/^fastest_iters_per_s=//p' <<<"$out")")
}
run_bare() { plain+=("$(dotnet "$bare" --device "$device" --warmup "$warmup" --iterations "$iterations" --threads "$threads" | tail -1)"); }
run_torch() { theirs+=("$("$python" Training~/bench/wgan_gp_dcgan.py "$device" "$warmup" "$iterations" "$threads" | tail -1)"); }
sides=(run_ours run_bare run_torch)
for ((r = 0; r < rounds; r++)); do
  # The order rotates every round (ours, bare, torch; bare, torch, ours; ...), so no side always runs first.
  for ((s = 0; s < 3; s++)); do "${sides[$(( (s + r) % 3 ))]}"; done
  echo "[bench] round $((r + 1)): ours ${ours[-1]}, bare TorchSharp ${plain[-1]}, PyTorch ${theirs[-1]} (mean, fastest it/s); load $(cut -d' ' -f1 /proc/loadavg)" >&2
done
libtorch="$(sed -n 's/.*libtorch \([^ ]*\).*/\1/p' <<<"$out" | head -1)"
torch_version="$("$python" -c 'import torch; print(torch.__version__)')"
/usr/bin/python3 - "$device" "$threads" "$libtorch" "$torch_version" "${#ours[@]}" "${ours[@]}" "${plain[@]}" "${theirs[@]}" <<'PY'
import sys, statistics, subprocess, datetime
device, threads, lt, tv, n = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
rows = [tuple(map(float, x.split())) for x in sys.argv[6:6 + 3 * n]]
ours, bare, torch = rows[:n], rows[n:2 * n], rows[2 * n:]
cpu = next((l.split(":", 1)[1].strip() for l in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines() if l.startswith("Model name")), "unknown")
mean = lambda s: statistics.mean(x[0] for x in s)
best = lambda s: max(x[1] for x in s)
print(f"| {datetime.date.today()} | {cpu}, {threads} threads | {device} | {mean(ours):.4f} (fastest {best(ours):.4f}) | "
      f"{mean(bare):.4f} (fastest {best(bare):.4f}), libtorch {lt} | {mean(torch):.4f} (fastest {best(torch):.4f}), torch {tv} | "
      f"{mean(ours) / mean(bare):.3f} mean, {best(ours) / best(bare):.3f} fastest | {mean(ours) / mean(torch):.3f} mean, {best(ours) / best(torch):.3f} fastest |")
PY
