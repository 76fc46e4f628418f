#!/usr/bin/env bash
# Toy-mixture experiments (issue: mode coverage). For each dataset and loss: train an MLP pair with
# the same width and iteration budget, then score 2,500 samples with the modes metric.
# usage: Training~/bench/toy.sh [WIDTH=128] [STEPS=2000]   (prints a markdown table)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
width="${1:-128}"; steps="${2:-2000}"
out="$root/out~/toy"; mkdir -p "$out"
cd "$root"
dotnet build "Training~/src/Wasserforge.Cli" -c Release --nologo -v quiet >/dev/null
wf() { dotnet Training~/src/Wasserforge.Cli/bin/Release/net10.0/wasserforge.dll "$@"; }
echo "| dataset | loss | modes | high quality | s / iteration |"
echo "|---|---|---|---|---|"
for data in 25gaussians 8gaussians; do
  for loss in wgan-gp nsgan wgan-clip; do
    cfg="$out/$data-$loss.yaml"
    printf 'data: { source: %s }\nmodel: { kind: mlp, latent_dim: 2, width: %s, depth: 3 }\nloss: { kind: %s }\ntraining: { steps: %s, batch_size: 256, sample_every: %s, checkpoint_every: %s, log_every: 100 }\n' \
      "$data" "$width" "$loss" "$steps" "$steps" "$steps" > "$cfg"
    start=$(date +%s.%N)
    wf train "$cfg" --run-id "$data-$loss" --force --results "$out/results" >/dev/null
    secs=$(echo "$(date +%s.%N) - $start" | bc)
    line=$(wf eval "$out/results/$data-$loss/$data-$loss.onnx" --data "$data" --metric modes)
    modes=$(echo "$line" | sed -E 's/.*: ([0-9]+\/[0-9]+) modes.*/\1/')
    hq=$(echo "$line" | sed -E 's/.*modes, ([0-9.]+%) high quality.*/\1/')
    printf '| %s | %s | %s | %s | %.3f |\n' "$data" "$loss" "$modes" "$hq" "$(echo "$secs / $steps" | bc -l)"
  done
done
