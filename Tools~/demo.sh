#!/usr/bin/env bash
# The main job on a built-in default, on a fresh machine: set up, train a small WGAN-GP on the
# built-in materials texture set, export the generator to ONNX, then generate a texture sheet
# and an interpolation strip from it through ONNX Runtime, and measure how far its samples are
# from real images (SWD) next to the real-vs-real floor. Outputs go to out~/demo/.
# It needs only the .NET SDK: the trainer's engine (TorchSharp), ONNX Runtime and the image
# library come with the .NET build. Tools~/setup.sh installs what the tests need (Python checkers,
# chromium, the Unity package's sources); the demo does not run it.
# usage: Tools~/demo.sh [--steps N]   (N generator steps instead of demo.yaml's 2,000: --steps 12000, about 30 minutes
# on a 2-core CPU, is the run whose sheet draws marble veins; docs/benchmarks.md, "A longer demo run")
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
steps=()
while [ $# -gt 0 ]; do
  case "$1" in
    --steps)
      [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || { echo "demo.sh: --steps needs a positive whole number, not '${2:-}'" >&2; exit 2; }
      steps=(--steps "$2"); shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "demo.sh: unknown argument '$1' (usage: Tools~/demo.sh [--steps N])" >&2; exit 2 ;;
  esac
done
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build "Training~/src/Wasserforge.Cli/Wasserforge.Cli.csproj" -c Release --nologo -v quiet >/dev/null
wf() { dotnet "Training~/src/Wasserforge.Cli/bin/Release/net10.0/wasserforge.dll" "$@"; }
out="$root/out~/demo"
mkdir -p "$out"
wf train "Training~/config/demo.yaml" --run-id demo --force --results "$out/results" ${steps[@]+"${steps[@]}"}
wf export "$out/results/demo" -o "$out/textures.onnx"
wf sample "$out/textures.onnx" --count 64 --seed 1 --grid 8x8 -o "$out/sheet.png"
wf interpolate "$out/textures.onnx" --from 1 --to 2 --steps 10 --slerp -o "$out/strip.png"
echo
echo "Quality (sliced Wasserstein distance x1e3 to real images of the set; the floor is two real sets):"
wf eval "$out/textures.onnx" --data materials --metric swd --floor
echo
echo "Done. Generator: $out/textures.onnx"
echo "      Texture sheet: $out/sheet.png   Interpolation strip: $out/strip.png"
echo "      Training run (metrics.csv, sample grids, checkpoints): $out/results/demo"
