#!/usr/bin/env bash
# The texture model (model.kind: texture, Training~/config/textures-texture.yaml) on the built-in procedural set and on
# crawl-tiles floor cells, with today's global model (kind: dcgan, the config textures-wgan-gp.yaml: width 16,
# max 64, WGAN-GP defaults with n_critic 5) as the peer on both sets in the same session, measured by the training process's CPU seconds (user + system, read from /proc while it runs,
# so a shared machine's load does not inflate the budget the way wall time would). For each run: the SWD-against-held-out
# curve the trainer writes at every sample step (texture models: against fixed crops of the held-out images at the crop
# size; here the crop is the whole 32 px image), with the CPU seconds and wall time at that step. CPU seconds include the
# trainer's own SWD evaluations and sample sheets, so they overstate the training cost slightly.
# usage: Training~/bench/texture.sh [PROC_STEPS=2500] [FLOOR_STEPS=2500] [THREADS=1] [OUT=out~/texture-bench] [DCGAN_STEPS=1000]
# RUNS="texture-procedural texture-floor dcgan-procedural dcgan-floor" (default: all four) picks runs; EMA=0.999 (default, as
# textures-texture.yaml) is the texture runs' training.ema (0: the raw generator).
# FLOOR=path/to/floor.png overrides the crawl-tiles atlas (otherwise downloaded, never installed, into the cache).
# Prints markdown.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
proc_steps="${1:-2500}"; floor_steps="${2:-2500}"; threads="${3:-1}"; out="${4:-$root/out~/texture-bench}"; dcgan_steps="${5:-1000}"
runs="${RUNS:-texture-procedural texture-floor dcgan-procedural dcgan-floor}"; ema="${EMA:-0.999}"
cache="${WASSERFORGE_CACHE:-$HOME/.cache/wasserforge}/debian-data"
mkdir -p "$out"
cd "$root"
floor="${FLOOR:-}"
if [ -z "$floor" ]; then
  mkdir -p "$cache"
  if [ ! -d "$cache/crawl-tiles-data" ]; then
    (cd "$cache" && { ls crawl-tiles-data_*.deb >/dev/null 2>&1 || apt-get download crawl-tiles-data >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get download crawl-tiles-data >/dev/null; }; })
    dpkg-deb -x "$(ls "$cache"/crawl-tiles-data_*.deb | head -1)" "$cache/crawl-tiles-data.tmp" && mv "$cache/crawl-tiles-data.tmp" "$cache/crawl-tiles-data"
  fi
  floor="$cache/crawl-tiles-data/usr/share/crawl/dat/tiles/floor.png"
fi

# WF_DLL=path/to/wasserforge.dll runs an existing build (e.g. a copy, while another session rebuilds the tree).
dll="${WF_DLL:-Training~/src/Wasserforge.Cli/bin/Release/net10.0/wasserforge.dll}"
[ -n "${WF_DLL:-}" ] || dotnet build "Training~/src/Wasserforge.Cli" -c Release --nologo -v quiet >/dev/null
tick=$(getconf CLK_TCK)

texture='model: { kind: texture, latent_dim: 64, noise_channels: 8, width: 16, max_width: 64 }
loss: { kind: wgan-gp, n_critic: 1 }
optimizer: { lr_generator: 0.0001, lr_critic: 0.0004 }'
dcgan='model: { kind: dcgan, latent_dim: 64, width: 16, max_width: 64 }
loss: { kind: wgan-gp }'

# name, data line, model/loss/optimizer sections, steps
run() {
  local name="$1" data="$2" model="$3" steps="$4" average="${5:-0}"
  case " $runs " in *" $name "*) ;; *) return 0 ;; esac
  cat > "$out/$name.yaml" <<YAML
data: { $data, size: 32, channels: 3, flip: true, rotate90: true, hold_out: 0.1 }
$model
training: { steps: $steps, ema: $average, batch_size: 32, sample_every: $((steps / 5)), checkpoint_every: $steps, log_every: 10, threads: $threads }
YAML
  local results="$out/results"
  dotnet "$dll" train "$out/$name.yaml" --run-id "$name" --force --results "$results" > "$out/$name.log" 2>&1 &
  local pid=$! start; start=$(date +%s.%N)
  echo "step,cpu_s,wall_s" > "$out/$name.cpu.csv"
  while kill -0 "$pid" 2>/dev/null; do
    local stat; stat=$(cat "/proc/$pid/stat" 2>/dev/null) || break
    local step; step=$(tail -1 "$results/$name/metrics.csv" 2>/dev/null | cut -d, -f1 || true)
    case "$step" in ''|step) step=0 ;; esac
    echo "$stat" | awk -v s="$step" -v t="$tick" -v st="$start" -v now="$(date +%s.%N)" '{ sub(/^.*\) /, ""); printf "%s,%.1f,%.1f\n", s, ($12 + $13) / t, now - st }' >> "$out/$name.cpu.csv"
    sleep 2
  done
  wait "$pid"
  echo
  echo "### $name"
  echo
  /usr/bin/python3 - "$results/$name/swd.csv" "$out/$name.cpu.csv" "$threads" "$average" <<'PY'
import csv, sys
swd = list(csv.reader(open(sys.argv[1])))
cpu = [tuple(map(float, r)) for r in list(csv.reader(open(sys.argv[2])))[1:]]
head = swd[0]
print(f"threads {sys.argv[3]}, training.ema {sys.argv[4]}; CPU s and wall s: first poll (every 2 s) at which the trainer had logged the step.")
print()
print("| step | CPU s | wall s | " + " | ".join(h.replace("swd_", "SWD×10³ ").replace("px", " px") for h in head[1:]) + " |")
print("|" + "---|" * (len(head) + 2))
for r in swd[1:]:
    s = float(r[0])
    at = next((c for c in cpu if c[0] >= s), cpu[-1])
    print(f"| {r[0]} | {at[1]:.0f} | {at[2]:.0f} | " + " | ".join(v if not v.replace('.', '', 1).isdigit() else f"{float(v):.1f}" for v in r[1:]) + " |")
PY
}

echo "Machine: $(lscpu | sed -n 's/^Model name: *//p') ($(nproc) CPUs), load average $(cut -d' ' -f1-3 /proc/loadavg). Date: $(date -u +%F)."
run texture-procedural "source: procedural, count: 2048, crop_size: 32, crop_wrap: true" "$texture" "$proc_steps" "$ema"
run texture-floor "source: \"$floor\", atlas: 32x32, crop_size: 32, crop_wrap: false" "$texture" "$floor_steps" "$ema"
run dcgan-procedural "source: procedural, count: 2048" "$dcgan" "$dcgan_steps"
run dcgan-floor "source: \"$floor\", atlas: 32x32" "$dcgan" "$dcgan_steps"
