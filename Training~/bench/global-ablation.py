#!/usr/bin/env python3
"""Ablation of the global (dcgan / tileable / sprite) model's levers at equal CPU budgets (issue 11).

Each variant is trained by `wasserforge train` (nice -n 10, one intra-op thread) until its process has
spent BUDGET CPU seconds on training; the driver reads the trainer's console lines and the process's CPU
time (/proc/PID/stat: user + system, all threads) when each line arrives. CPU seconds, not wall seconds,
because the machine is shared: wall time depends on who else runs, CPU time much less (wall time is
recorded too). The time between a sample step's progress line and its SWD line (sample grid + SWD
against the held-out images) is not counted as training, nor is start-up before the first step.
The SWD is the trainer's own (swd.csv: generated vs held-out images, the exported weights: the
average with training.ema); the real-vs-real floor comes from `wasserforge eval --floor` on the same
source with as many images as the run held out.

usage: Training~/bench/global-ablation.py OUT BUDGET[,BUDGET...] VARIANT... (names below; `all` for every one)
Prints a markdown table (one row per variant and budget: the last SWD measured within the budget).
Needs the crawl-tiles-data and angband-data packages' files for the F- and S- variants:
  WF_FLOOR=/path/floor.png WF_SPRITES=/path/32x32.png (Training~/bench/real-sets.sh downloads them).
"""
import json, os, re, signal, subprocess, sys, time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
WF = os.environ.get("WF_DLL") or os.path.join(ROOT, "Training~/src/Wasserforge.Cli/bin/Release/net10.0/wasserforge.dll")
TICK = os.sysconf("SC_CLK_TCK")

PROC = "data: { source: procedural, size: 32, channels: 3, count: 2048, flip: true, rotate90: true }\n"
FLOOR = "data: { source: \"%s\", atlas: 32x32, size: 32, channels: 3, flip: true, rotate90: true }\n" % os.environ.get("WF_FLOOR", "floor.png")
SPRITES = "data: { source: \"%s\", atlas: 32x32, size: 32, channels: 4 }\n" % os.environ.get("WF_SPRITES", "32x32.png")
SMALL = "model: { kind: dcgan, latent_dim: 64, width: 16, max_width: 64%s }\n"
BASE_LOSS = "loss: { kind: wgan-gp }\n"          # published: n_critic 5, Adam 1e-4 both, beta (0, 0.9)
TTUR = "loss: { kind: wgan-gp, n_critic: 1 }\noptimizer: { lr_generator: 1.0e-4, lr_critic: 4.0e-4 }\n"
RUN = "training: { steps: 1000000, batch_size: 32, sample_every: %d, checkpoint_every: 1000000, log_every: %d, seed: 1, threads: 1%s }\n"

# name: (config text, sample_every in steps: about one SWD point per 60 training CPU seconds, since one SWD
# measurement costs 5 to 10 CPU seconds on this machine)
VARIANTS = {
    "P-base": (PROC + SMALL % "" + BASE_LOSS, 280, ""),
    "P-ema": (PROC + SMALL % "" + BASE_LOSS, 280, ", ema: 0.999"),
    "P-nearest": (PROC + SMALL % ", upsample: nearest" + BASE_LOSS, 280, ""),
    "P-ttur": (PROC + SMALL % "" + TTUR, 900, ""),
    "P-ttur-ema": (PROC + SMALL % "" + TTUR, 900, ", ema: 0.999"),
    "P-ttur-nearest": (PROC + SMALL % ", upsample: nearest" + TTUR, 900, ""),
    "P-new": (None, 900, "textures-wgan-gp.yaml"),
    "P-demo": (None, 900, "demo.yaml"),
    # The demo config at other learning rates:
    "P-demo-lr1": (None, 900, "demo.yaml", {"optimizer.lr_generator": "1.0e-4", "optimizer.lr_critic": "4.0e-4"}),
    "P-demo-lr15": (None, 900, "demo.yaml", {"optimizer.lr_generator": "1.5e-4", "optimizer.lr_critic": "6.0e-4"}),
    "F-base": (FLOOR + SMALL % ", tileable: true" + BASE_LOSS, 280, ""),
    "F-new": (None, 900, "textures-tileable.yaml"),
    "S-base": (SPRITES + SMALL % "" + BASE_LOSS, 280, ""),
    "S-new": (None, 900, "sprites-rgba.yaml"),
    # Candidates for the sprites config (the shipped one plus model keys):
    "S-new-nearest": (None, 900, "sprites-rgba.yaml", {"upsample": "nearest"}),
    "S-new-nearest-w24": (None, 900, "sprites-rgba.yaml", {"upsample": "nearest", "width": 24, "max_width": 96}),
}

STEP = re.compile(r"^step\s+(\d+)/\d+\s")
SWD = re.compile(r"^step (\d+): SWD.*average ([0-9.]+) \(vs (\d+) (held-out|training)")


def cpu(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def config(name, out):
    text, every, extra = VARIANTS[name][:3]
    model_keys = VARIANTS[name][3] if len(VARIANTS[name]) > 3 else {}
    if text is None:   # a shipped config, with the bench's data path, intervals and one thread
        src = open(os.path.join(ROOT, "Training~/config", extra)).read()
        if name.startswith("F-"): src = src.replace("/usr/share/crawl/dat/tiles/floor.png", os.environ.get("WF_FLOOR", "floor.png"))
        if name.startswith("S-"): src = src.replace("/usr/share/angband/xtra/graf/32x32.png", os.environ.get("WF_SPRITES", "32x32.png"))
        src = re.sub(r"(?m)^(\s*)steps: .*$", r"\1steps: 1000000", src)
        src = re.sub(r"(?m)^(\s*)sample_every: .*$", r"\1sample_every: %d" % every, src)
        src = re.sub(r"(?m)^(\s*)checkpoint_every: .*$", r"\1checkpoint_every: 1000000", src)
        src = re.sub(r"(?m)^(\s*)log_every: .*$", "", src)
        src = re.sub(r"(?m)^training:\s*$", "training:\n  threads: 1\n  log_every: %d" % every, src)
        for key, value in model_keys.items():   # "key" is a model key, "section.key" names its section
            section, key = key.split(".", 1) if "." in key else ("model", key)
            src = re.sub(r"(?m)^  %s: .*\n" % key, "", src)
            src = re.sub(r"(?m)^%s:\s*$" % section, "%s:\n  %s: %s" % (section, key, value), src)
    else:
        src = text + RUN % (every, every, extra)
    path = os.path.join(out, name + ".yaml")
    with open(path, "w") as f: f.write(src)
    return path


def train(name, out, budget):
    path = config(name, out)
    cmd = ["nice", "-n", "10", "dotnet", WF, "train", path, "--run-id", name, "--force", "--results", os.path.join(out, "results")]
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
    # nice execs dotnet in the same process, so p.pid is the trainer.
    start_wall, started, excluded, pending, points = time.time(), None, 0.0, None, []
    log = open(os.path.join(out, name + ".log"), "w")
    for line in p.stdout:
        log.write(line)
        log.flush()
        c = cpu(p.pid)
        if started is None and line.startswith("run "): started = c   # start-up (data, model) is not training
        m = STEP.match(line)
        if m: pending = (int(m.group(1)), c)
        m = SWD.match(line)
        if m and pending and started is not None:
            excluded += c - pending[1]
            t = pending[1] - started - (excluded - (c - pending[1]))
            points.append({"step": int(m.group(1)), "cpu_s": round(t, 1), "wall_s": round(time.time() - start_wall, 1), "swd": float(m.group(2)),
                           "n": int(m.group(3)), "against": m.group(4)})
            if t >= 0.9 * budget:   # the next point would overshoot by a whole interval
                p.send_signal(signal.SIGTERM)   # SIGINT is ignored by processes started in the background of a script
    p.wait()
    log.close()
    return points


def floor(name, out, n):
    src = re.sub(r"#.*", "", open(os.path.join(out, name + ".yaml")).read())
    onnx = None
    for root, _, files in os.walk(os.path.join(out, "results", name)):
        for f in files:
            if f.endswith(".onnx"): onnx = os.path.join(root, f)
    run = os.path.join(out, "results", name)
    if onnx is None:
        onnx = os.path.join(out, name + ".onnx")
        subprocess.run(["dotnet", WF, "export", run, "-o", onnx], check=True, stdout=subprocess.DEVNULL)
    data = re.search(r'source: "?([^",}\n]+)"?', src).group(1).strip()
    args = ["dotnet", WF, "eval", onnx, "--data", data, "--floor", "--samples", str(n)]
    if "atlas" in src: args += ["--atlas", "32x32"]
    text = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return float(re.search(r"real-vs-real floor.*average ([0-9.]+)", text).group(1))


def main():
    out, budgets, names = sys.argv[1], [float(b) for b in sys.argv[2].split(",")], sys.argv[3:]
    if names == ["all"]: names = list(VARIANTS)
    os.makedirs(out, exist_ok=True)
    print("| run | CPU-s budget | steps | training CPU s | wall s | SWD x1e3 (vs) | real-vs-real floor | gap closed vs base |")
    print("|---|---|---|---|---|---|---|---|")
    for name in names:
        points = train(name, out, max(budgets))
        fl = floor(name, out, points[-1]["n"]) if points else float("nan")
        with open(os.path.join(out, name + ".json"), "w") as f: json.dump({"points": points, "floor": fl}, f, indent=1)
        for b in budgets:
            within = [q for q in points if q["cpu_s"] <= b * 1.05] or points[:1]
            q = within[-1]
            print(f"| {name} | {b:.0f} | {q['step']} | {q['cpu_s']} | {q['wall_s']} | {q['swd']:.1f} ({q['n']} {q['against']}) | {fl:.1f} | |", flush=True)


if __name__ == "__main__":
    main()
