#!/usr/bin/env bash
# Engine benchmark: our libtorch binding (Wasserforge.Torch.Bench) vs PyTorch (wgan_gp_dcgan.py) on the
# same loop (WGAN-GP reference DCGAN pair, 64x64, batch 64), same thread count, in the same run,
# alternating ours / PyTorch each round so background load hits both alike. Reports the mean rate and
# the rate of the fastest iteration of each side (the latter is robust to other processes' load).
# usage: Training~/bench/run.sh [DEVICE=cpu|cuda] [WARMUP=1] [ITERATIONS=2] [ROUNDS=2]
# On a GPU machine build the shim against that machine's libtorch first:
#   Torch_DIR=$(python -c 'import torch;print(torch.utils.cmake_prefix_path)')/Torch Tools~/build-native.sh
# and run the peer with that same python: PYTHON=python Training~/bench/run.sh cuda
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
device="${1:-cpu}"; warmup="${2:-1}"; iterations="${3:-2}"; rounds="${4:-2}"
python="${PYTHON:-/usr/bin/python3}"
threads="${THREADS:-$(nproc)}"
cd "$root"
dotnet build "Training~/bench/Wasserforge.Torch.Bench" -c Release --nologo -v quiet >/dev/null
bench="Training~/bench/Wasserforge.Torch.Bench/bin/Release/net10.0/Wasserforge.Torch.Bench.dll"
ours=(); theirs=()
for ((r = 0; r < rounds; r++)); do
  ours+=("$(dotnet "$bench" --device "$device" --warmup "$warmup" --iterations "$iterations" --threads "$threads" | tail -1)")
  theirs+=("$("$python" Training~/bench/wgan_gp_dcgan.py "$device" "$warmup" "$iterations" "$threads" | tail -1)")
  echo "[bench] round $((r + 1)): ours ${ours[-1]}, PyTorch ${theirs[-1]} (mean, fastest it/s)" >&2
done
torch_version="$("$python" -c 'import torch; print(torch.__version__)')"
/usr/bin/python3 - "$device" "$threads" "$torch_version" "${#ours[@]}" "${ours[@]}" "${theirs[@]}" <<'PY'
import sys, statistics, subprocess, datetime
device, threads, tv, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
ours = [tuple(map(float, x.split())) for x in sys.argv[5:5 + n]]
theirs = [tuple(map(float, x.split())) for x in sys.argv[5 + n:5 + 2 * n]]
cpu = next((l.split(":", 1)[1].strip() for l in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines() if l.startswith("Model name")), "unknown")
om, tm = statistics.mean(o[0] for o in ours), statistics.mean(t[0] for t in theirs)
ob, tb = max(o[1] for o in ours), max(t[1] for t in theirs)
print(f"| {datetime.date.today()} | {cpu}, {threads} threads | {device} | {om:.4f} it/s (fastest {ob:.4f}) | "
      f"{tm:.4f} it/s (fastest {tb:.4f}), torch {tv} | mean {om / tm:.3f}, fastest {ob / tb:.3f} |")
PY
