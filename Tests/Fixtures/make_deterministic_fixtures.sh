#!/usr/bin/env bash
# Trains the two small generators the deterministic device's golden-hash tests use, with the
# package's own trainer, and exports them next to this script:
#   generator_v1_tileable_16.onnx  16x16 RGB, tileable (nearest upsample + circular-padded 3x3 convs),
#                                  on the built-in procedural textures
#   generator_v1_sprite_rgba_16.onnx  16x16 RGBA DCGAN (5x5 stride-2 transposed convs), on angband-data's
#                                  public-domain 16x16 sprite sheet (the Debian package is downloaded, not installed)
# Small widths and a few hundred steps: these are fixtures (~100 KB each), not good generators.
# Re-training changes the weights, so the golden hashes in Tests/Runtime/Deterministic must be renewed.
# usage: Tests/Fixtures/make_deterministic_fixtures.sh [STEPS=400]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
steps="${1:-400}"
cache="${WASSERFORGE_CACHE:-$HOME/.cache/wasserforge}/debian-data"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"

if [ ! -d "$cache/angband-data" ]; then
  mkdir -p "$cache"
  (cd "$cache" && { ls angband-data_*.deb >/dev/null 2>&1 || apt-get download angband-data >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get download angband-data >/dev/null; }; })
  dpkg-deb -x "$(ls "$cache"/angband-data_*.deb | head -1)" "$cache/angband-data.tmp" && mv "$cache/angband-data.tmp" "$cache/angband-data"
fi
sprites="$cache/angband-data/usr/share/angband/xtra/graf/16x16.png"

dotnet build "Training~/src/Wasserforge.Cli" -c Release --nologo -v quiet >/dev/null
wf() { dotnet Training~/src/Wasserforge.Cli/bin/Release/net10.0/wasserforge.dll "$@"; }

cat > "$work/tileable.yaml" <<YAML
data: { source: procedural, size: 16, channels: 3, count: 1024, hold_out: 0 }
model: { kind: dcgan, latent_dim: 32, width: 16, max_width: 32, tileable: true }
loss: { kind: wgan-gp }
training: { steps: $steps, batch_size: 32, seed: 13, sample_every: $steps, checkpoint_every: $steps, log_every: 100, threads: 1 }
YAML
cat > "$work/sprites.yaml" <<YAML
data: { source: "$sprites", atlas: 16x16, size: 16, channels: 4, flip: false, hold_out: 0 }
model: { kind: dcgan, latent_dim: 32, width: 16, max_width: 32 }
loss: { kind: wgan-gp }
training: { steps: $steps, batch_size: 32, seed: 13, sample_every: $steps, checkpoint_every: $steps, log_every: 100, threads: 1 }
YAML
for name in tileable sprites; do
  wf train "$work/$name.yaml" --run-id "$name" --force --results "$work/results" --device cpu > "$work/$name.log"
done
wf export "$work/results/tileable" -o "$here/generator_v1_tileable_16.onnx"
wf export "$work/results/sprites" -o "$here/generator_v1_sprite_rgba_16.onnx"
ls -l "$here"/generator_v1_tileable_16.onnx "$here"/generator_v1_sprite_rgba_16.onnx
