#!/usr/bin/env bash
# Engine benchmark: our libtorch binding vs PyTorch on the same loop (WGAN-GP reference DCGAN pair,
# 64x64, batch 64), same thread count, in the same run, alternating A B A B.
# usage: Training~/bench/run.sh [DEVICE=cpu] [WARMUP=1] [ITERATIONS=2] [ROUNDS=1]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
device="${1:-cpu}"; warmup="${2:-1}"; iterations="${3:-2}"; rounds="${4:-1}"
threads="$(nproc)"
cd "$root"
dotnet build "Training~/src/Wasserforge.Cli" -c Release --nologo -v quiet >/dev/null
ours=(); theirs=()
for ((r = 0; r < rounds; r++)); do
  ours+=("$(dotnet Training~/src/Wasserforge.Cli/bin/Release/net10.0/wasserforge.dll bench engine --device "$device" --warmup "$warmup" --iterations "$iterations")")
  theirs+=("$(/usr/bin/python3 Training~/bench/wgan_gp_dcgan.py "$device" "$warmup" "$iterations" "$threads")")
done
python3 - "$device" "$threads" "${#ours[@]}" "${ours[@]}" "${theirs[@]}" <<'PY'
import sys, statistics, subprocess, datetime
device, threads, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
ours = [float(x) for x in sys.argv[4:4 + n]]; theirs = [float(x) for x in sys.argv[4 + n:4 + 2 * n]]
cpu = next((l.split(":", 1)[1].strip() for l in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines() if l.startswith("Model name")), "unknown")
o, t = statistics.mean(ours), statistics.mean(theirs)
print(f"| {datetime.date.today()} | {cpu}, {threads} threads | {device} | {o:.4f} it/s | {t:.4f} it/s | {o / t:.3f} |")
PY
