// Wasserforge training monitor: polls /api/run/ and plots metrics.csv on a canvas (no libraries).
"use strict";
const $ = (id) => document.getElementById(id);
const SERIES = [
  { name: "wasserstein", colour: "#ff5050" },
  { name: "critic_loss", colour: "#50a0ff" },
  { name: "gradient_penalty", colour: "#50d070" },
  { name: "generator_loss", colour: "#f0c040" },
];
let lastSample = null;

function showError(text) {
  const e = $("error");
  e.textContent = text || "";
  e.classList.toggle("shown", !!text);
}

function plot(metrics) {
  const canvas = $("plot"), g = canvas.getContext("2d");
  const W = canvas.width, H = canvas.height, left = 60, right = 10, top = 10, bottom = 30;
  g.fillStyle = "#111"; g.fillRect(0, 0, W, H);
  const cols = metrics.columns, values = metrics.values;
  const stepIndex = cols.indexOf("step");
  const steps = stepIndex >= 0 ? values[stepIndex].map(Number) : [];
  const drawn = SERIES.filter((s) => cols.includes(s.name));
  let ymin = Infinity, ymax = -Infinity;
  for (const s of drawn) for (const v of values[cols.indexOf(s.name)].map(Number)) if (isFinite(v)) { ymin = Math.min(ymin, v); ymax = Math.max(ymax, v); }
  canvas.dataset.points = String(steps.length);
  if (steps.length === 0 || !isFinite(ymin)) {
    g.fillStyle = "#9aa0a6"; g.font = "14px sans-serif"; g.fillText("no metrics yet", left + 10, H / 2);
    return;
  }
  if (ymax === ymin) { ymax += 1; ymin -= 1; }
  const xmin = steps[0], xmax = Math.max(steps[steps.length - 1], xmin + 1);
  const X = (x) => left + (x - xmin) / (xmax - xmin) * (W - left - right);
  const Y = (y) => top + (ymax - y) / (ymax - ymin) * (H - top - bottom);
  g.strokeStyle = "#444"; g.lineWidth = 1;
  g.beginPath(); g.moveTo(left, top); g.lineTo(left, H - bottom); g.lineTo(W - right, H - bottom); g.stroke();
  if (ymin < 0 && ymax > 0) { g.setLineDash([4, 4]); g.beginPath(); g.moveTo(left, Y(0)); g.lineTo(W - right, Y(0)); g.stroke(); g.setLineDash([]); }
  g.fillStyle = "#9aa0a6"; g.font = "11px sans-serif";
  g.fillText(ymax.toPrecision(3), 4, top + 10); g.fillText(ymin.toPrecision(3), 4, H - bottom);
  g.fillText("step " + xmin, left, H - 10); g.fillText("step " + xmax, W - right - 70, H - 10);
  for (const s of drawn) {
    const ys = values[cols.indexOf(s.name)].map(Number);
    g.strokeStyle = s.colour; g.lineWidth = 2; g.beginPath();
    let pen = false;
    for (let i = 0; i < steps.length; i++) {
      if (!isFinite(ys[i])) { pen = false; continue; }
      if (pen) g.lineTo(X(steps[i]), Y(ys[i])); else g.moveTo(X(steps[i]), Y(ys[i]));
      pen = true;
    }
    g.stroke();
  }
  $("legend").innerHTML = drawn.map((s) => `<span><i style="background:${s.colour}"></i>${s.name}</span>`).join("");
}

async function refresh() {
  try {
    const r = await fetch("/api/run/");
    const run = await r.json();
    if (!r.ok) { showError(run.error); return; }
    showError(run.metricsProblem);
    $("run").textContent = "run: " + run.runId;
    $("updated").textContent = "updated " + new Date().toLocaleTimeString();
    plot(run.metrics);
    const key = run.sample + "@" + run.sampleTicks;
    if (run.sample && key !== lastSample) {
      lastSample = key;
      $("sample").src = "/api/run/sample.png?k=" + encodeURIComponent(key);
      $("sample-name").textContent = run.sample;
      $("sample").dataset.name = run.sample;
    }
    $("open-model").disabled = !run.model;
    $("model-name").textContent = run.model || "no exported model yet";
  } catch (e) { showError("Lost contact with the studio: " + e.message); }
}

$("open-model").onclick = async () => {
  try {
    const r = await fetch("/api/run/open-model", { method: "POST" });
    const body = await r.json().catch(() => ({ error: "the studio answered " + r.status + " without a message." }));
    if (!r.ok) { showError(body.error); return; }
    location.href = "/explorer";
  } catch (e) { showError("Lost contact with the studio: " + e.message); }
};

refresh();
setInterval(refresh, 2000);
