#!/usr/bin/env bash
# Real image sets (issue: trainer quality on real art): crawl-tiles floor cells (32x32 RGB, plain and
# tileable) and angband's public-domain 16x16 sprites (RGBA), trained with WGAN-GP defaults. For each run:
# the SWD-against-held-out curve (swd.csv, written by the trainer at every sample step), a 64-sample
# sheet made by the runtime from the exported model, and for the floors a wrap-around seam check.
# The Debian packages are downloaded (never installed) into the cache on first use.
# usage: Training~/bench/real-sets.sh [FLOOR_STEPS=1000] [SPRITE_STEPS=800] [THREADS=nproc] [OUT=out~/real-sets]
# Prints markdown; images go to OUT (copy them to docs/images to publish).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
floor_steps="${1:-1000}"; sprite_steps="${2:-800}"; threads="${3:-$(nproc)}"; out="${4:-$root/out~/real-sets}"
cache="${WASSERFORGE_CACHE:-$HOME/.cache/wasserforge}/debian-data"
mkdir -p "$cache" "$out"
cd "$root"

for pkg in crawl-tiles-data angband-data; do
  if [ ! -d "$cache/$pkg" ]; then
    (cd "$cache" && { ls "$pkg"_*.deb >/dev/null 2>&1 || apt-get download "$pkg" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get download "$pkg" >/dev/null; }; })
    dpkg-deb -x "$(ls "$cache/$pkg"_*.deb | head -1)" "$cache/$pkg.tmp" && mv "$cache/$pkg.tmp" "$cache/$pkg"
  fi
done
floor="$cache/crawl-tiles-data/usr/share/crawl/dat/tiles/floor.png"
sprites="$cache/angband-data/usr/share/angband/xtra/graf/16x16.png"

dotnet build "Training~/src/Wasserforge.Cli" -c Release --nologo -v quiet >/dev/null
wf() { dotnet Training~/src/Wasserforge.Cli/bin/Release/net10.0/wasserforge.dll "$@"; }

# name, source, atlas/size, channels, flips, tileable, steps
run() {
  local name="$1" src="$2" cell="$3" ch="$4" aug="$5" tile="$6" steps="$7"
  cat > "$out/$name.yaml" <<EOF
data: { source: "$src", atlas: ${cell}x${cell}, size: $cell, channels: $ch, flip: $aug, rotate90: $aug, hold_out: 0.1 }
model: { kind: dcgan, latent_dim: 64, width: 32, max_width: 128, tileable: $tile }
loss: { kind: wgan-gp }
training: { steps: $steps, batch_size: 32, sample_every: $((steps / 5)), checkpoint_every: $steps, log_every: 50, threads: $threads }
EOF
  local start; start=$(date +%s)
  wf train "$out/$name.yaml" --run-id "$name" --force --results "$out/results" > "$out/$name.log" 2>&1
  local secs=$(( $(date +%s) - start ))
  local onnx="$out/results/$name/$name.onnx"
  wf sample "$onnx" --count 64 --grid 8x8 --seed 1 -o "$out/$name-samples.png" >/dev/null
  local w; w=$(tail -1 "$out/results/$name/metrics.csv" | cut -d, -f2)
  echo
  echo "### $name"
  echo
  echo "$steps generator iterations in $secs s ($threads threads); final Wasserstein estimate $w. Samples (seeds 1–64): \`$name-samples.png\`"
  echo
  /usr/bin/python3 - "$out/results/$name/swd.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
head, body = rows[0], rows[1:]
print("| step | " + " | ".join(h.replace("swd_", "SWD×10³ ").replace("px", " px") for h in head[1:]) + " |")
print("|" + "---|" * len(head))
for r in body:
    print("| " + r[0] + " | " + " | ".join(f"{float(v):.1f}" for v in r[1:]) + " |")
PY
}

# Mean absolute jump (grey levels, 0..255) across the wrap-around seam vs between interior neighbours,
# over 64 generated textures: a tileable texture's seam is no worse than its interior.
seam() {
  wf sample "$1" --count 64 --seed 1 -o "$out/$2.npy" >/dev/null
  /usr/bin/python3 - "$out/$2.npy" "$2" <<'PY'
import sys, numpy as np
x = (np.load(sys.argv[1]) + 1) * 127.5          # N, C, H, W in grey levels
inner = np.concatenate([np.abs(np.diff(x, axis=3)).ravel(), np.abs(np.diff(x, axis=2)).ravel()]).mean()
wrap = np.concatenate([np.abs(x[..., :, 0] - x[..., :, -1]).ravel(), np.abs(x[..., 0, :] - x[..., -1, :]).ravel()]).mean()
print(f"| {sys.argv[2]} | {wrap:.2f} | {inner:.2f} | {wrap / inner:.2f} |")
PY
}

echo "Machine: $(lscpu | sed -n 's/^Model name: *//p') ($(nproc) CPUs). Date: $(date -u +%F)."
run floor-plain "$floor" 32 3 true false "$floor_steps"
run floor-tileable "$floor" 32 3 true true "$floor_steps"
run sprites-rgba "$sprites" 16 4 false false "$sprite_steps"
echo
echo "| model | seam jump | interior jump | seam / interior |"
echo "|---|---|---|---|"
seam "$out/results/floor-plain/floor-plain.onnx" floor-plain
seam "$out/results/floor-tileable/floor-tileable.onnx" floor-tileable
