#!/usr/bin/env bash
# Variants of the README demo's config (Training~/config/demo.yaml), run side by side (one process per variant, all at
# once, THREADS intra-op threads each), as in docs/benchmarks.md "Schedules, batch size and the marble". For each run:
# training wall seconds, the trainer's held-out SWD curve (swd.csv), and `eval --data materials --metric swd --floor` of
# the exported weight average and of the raw weights (`export --raw-weights`); the sample sheet (seeds 1-64) is kept
# as OUT/VARIANT/sheet.png. Results are deterministic for a config, thread count and CPU; the times are not.
# usage: Training~/bench/demo-variants.sh [THREADS=1] [OUT=out~/demo-variants] VARIANT...
# VARIANT: demo, lr-decay, lr-decay-fast, critic-32, batch-16, steps-6000, lazy-gp-4 (gp_every 4, 2,700 steps: the
# demo's time), latent-128, count-N (N training images, e.g. count-2048, the set's default; the demo has 8,192), texture-16,
# texture-32; append @SEED
# (e.g. demo@2) for another training seed. STEPS=N overrides every run's steps (a quick check of the script).
# WF_DLL=path/to/wasserforge.dll runs an existing build. Prints markdown.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
threads="${1:-1}"; out="${2:-$root/out~/demo-variants}"; shift 2 || true
[ $# -gt 0 ] || { echo "usage: $0 THREADS OUT VARIANT... (see the script's header)" >&2; exit 2; }
cd "$root"
dll="${WF_DLL:-Training~/src/Wasserforge.Cli/bin/Release/net10.0/wasserforge.dll}"
[ -n "${WF_DLL:-}" ] || dotnet build "Training~/src/Wasserforge.Cli" -c Release --nologo -v quiet >/dev/null
wf() { dotnet "$dll" "$@"; }

# Writes the variant's config to stdout: demo.yaml (or textures-texture.yaml) with the variant's edits.
config() {
  local name="$1" seed="$2" demo="Training~/config/demo.yaml"
  case "$name" in
    demo) cat "$demo" ;;
    lr-decay) sed 's/^  beta2: 0.9$/  beta2: 0.9\n  lr_decay: linear/' "$demo" ;;
    lr-decay-fast) sed 's/^  beta2: 0.9$/  beta2: 0.9\n  lr_decay: linear/; s/lr_generator: 2.0e-4/lr_generator: 3.0e-4/; s/lr_critic: 8.0e-4/lr_critic: 1.2e-3/' "$demo" ;;
    critic-32) sed 's/critic_full_res_width: 16/critic_full_res_width: 32/' "$demo" ;;
    batch-16) sed 's/batch_size: 32/batch_size: 16/; s/steps: 2000 /steps: 3500 /; s/_every: 1000/_every: 1750/' "$demo" ;;
    steps-6000) sed 's/steps: 2000 /steps: 6000 /; s/_every: 1000/_every: 2000/' "$demo" ;;
    lazy-gp-4) sed 's/^  n_critic: 1 .*$/  n_critic: 1\n  gp_every: 4/; s/steps: 2000 /steps: 2700 /; s/_every: 1000/_every: 1350/' "$demo" ;;
    latent-128) sed 's/latent_dim: 64/latent_dim: 128/' "$demo" ;;
    count-*)
      [[ "${name#count-}" =~ ^[1-9][0-9]*$ ]] || { echo "variant '$name': N in count-N must be a whole number of images, e.g. count-2048" >&2; return 2; }
      sed "s/^  count: [0-9]*/  count: ${name#count-}/" "$demo" ;;
    texture-16|texture-32)
      sed "s/source: procedural/source: materials/; s/rotate90: true/rotate90: false/; s/steps: 2500/steps: 3000/;
           s/sample_every: 250/sample_every: 1500/; s/checkpoint_every: 500/checkpoint_every: 1500/;
           s/^  width: 16/  width: ${name#texture-}/" "Training~/config/textures-texture.yaml" ;;
    *) echo "unknown variant '$name' (see the header of $0)" >&2; return 2 ;;
  esac | sed "/^  seed:/d; /^  threads:/d; /^training:/a\\  seed: $seed\n  threads: $threads"
}

run() {
  local variant="$1" name="${1%@*}" seed=1 dir="$out/$1"
  [ "$name" = "$variant" ] || seed="${variant#*@}"
  mkdir -p "$dir"
  config "$name" "$seed" > "$dir/config.yaml"
  local start; start=$(date +%s)
  wf train "$dir/config.yaml" --run-id run --force --results "$dir/results" ${STEPS:+--steps "$STEPS"} > "$dir/train.log" 2>&1
  echo $(( $(date +%s) - start )) > "$dir/train_s"
  wf export "$dir/results/run" -o "$dir/average.onnx" >/dev/null
  wf export "$dir/results/run" -o "$dir/raw.onnx" --raw-weights >/dev/null
  wf eval "$dir/average.onnx" --data materials --metric swd --floor > "$dir/eval-average.txt"
  wf eval "$dir/raw.onnx" --data materials --metric swd > "$dir/eval-raw.txt"
  wf sample "$dir/average.onnx" --count 64 --seed 1 --grid 8x8 -o "$dir/sheet.png" >/dev/null
}

for v in "$@"; do config "${v%@*}" 1 >/dev/null; done   # refuse an unknown variant before anything runs
pids=()
for v in "$@"; do run "$v" & pids+=($!); done
failed=0
for i in "${!pids[@]}"; do wait "${pids[$i]}" || { echo "variant ${*:$((i+1)):1} failed: see $out/${*:$((i+1)):1}/train.log" >&2; failed=1; }; done

average() { grep -o 'average [0-9.]*' "$1" | head -1 | cut -d' ' -f2; }
echo "| variant | training s | swd.csv (step: SWD) | eval, weight average | floor | eval, raw weights |"
echo "|---|---|---|---|---|---|"
for v in "$@"; do
  d="$out/$v"; [ -f "$d/eval-raw.txt" ] || continue
  curve=$(tail -n +2 "$d/results/run/swd.csv" 2>/dev/null | awk -F, '{printf "%s%s: %.2f", sep, $1, $4; sep="; "}')
  echo "| $v | $(cat "$d/train_s") | ${curve:-none} | $(average "$d/eval-average.txt") | $(sed -n 2p "$d/eval-average.txt" | grep -o 'average [0-9.]*' | cut -d' ' -f2) | $(average "$d/eval-raw.txt") |"
done
exit $failed
