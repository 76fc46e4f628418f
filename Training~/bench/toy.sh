#!/usr/bin/env bash
# Toy-mixture experiments (issue: mode coverage). For each dataset and loss: train an MLP pair with
# the same width and iteration budget, then score 2,500 samples with the modes metric.
# wgan-gp uses the reference toy code's settings (gan_toy.py: λ = 0.1, Adam 1e-4, β = (0.5, 0.9));
# nsgan and wgan-clip their published defaults. Runs JOBS trainings at once, each on one thread.
# usage: Training~/bench/toy.sh [WIDTH=128] [STEPS=2000] [JOBS=nproc] [DATASETS="25gaussians 8gaussians"]
# Prints a markdown table; runs and sample scatter plots are kept under out~/toy.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
width="${1:-128}"; steps="${2:-2000}"; jobs="${3:-$(nproc)}"; datasets="${4:-25gaussians 8gaussians}"
out="$root/out~/toy"; mkdir -p "$out"
cd "$root"
dotnet build "Training~/src/Wasserforge.Cli" -c Release --nologo -v quiet >/dev/null
wf() { dotnet Training~/src/Wasserforge.Cli/bin/Release/net10.0/wasserforge.dll "$@"; }

runs=()
for data in $datasets; do
  for loss in wgan-gp nsgan wgan-clip; do
    name="$data-$loss-w$width-s$steps"
    extra=""
    [ "$loss" = wgan-gp ] && extra='  gp_lambda: 0.1
optimizer: { beta1: 0.5, beta2: 0.9 }'
    cat > "$out/$name.yaml" <<EOF
data: { source: $data }
model: { kind: mlp, latent_dim: 2, width: $width, depth: 3 }
loss:
  kind: $loss
$extra
training: { steps: $steps, batch_size: 256, sample_every: $((steps / 4)), checkpoint_every: $steps, log_every: 100, threads: 1 }
EOF
    runs+=("$name")
  done
done

for name in "${runs[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do sleep 1; done
  wf train "$out/$name.yaml" --run-id "$name" --force --results "$out/results" > "$out/$name.log" 2>&1 &
done
wait

echo "Machine: $(lscpu | sed -n 's/^Model name: *//p') ($(nproc) CPUs), $jobs runs at a time, 1 thread each. Date: $(date -u +%F)."
echo
echo "| dataset | loss | width | iterations | modes | high quality | s / iteration |"
echo "|---|---|---|---|---|---|---|"
for name in "${runs[@]}"; do
  data="${name%%-*}"; rest="${name#*-}"; loss="${rest%-w*}"
  line=$(wf eval "$out/results/$name/$name.onnx" --data "$data" --metric modes)
  modes=$(echo "$line" | sed -E 's/.*: ([0-9]+\/[0-9]+) modes.*/\1/')
  hq=$(echo "$line" | sed -E 's/.*modes, ([0-9.]+%) high quality.*/\1/')
  wall=$(tail -1 "$out/results/$name/metrics.csv" | awk -F, '{print $NF}')
  printf '| %s | %s | %s | %s | %s | %s | %.3f |\n' "$data" "$loss" "$width" "$steps" "$modes" "$hq" "$(echo "$wall / $steps" | bc -l)"
done
