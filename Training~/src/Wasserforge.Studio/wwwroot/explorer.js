// Wasserforge latent explorer page: plain JavaScript over /api/explorer (no build step, no CDN).
"use strict";
const $ = (id) => document.getElementById(id);
let state = null;          // the latest snapshot from the server
let shownVersion = -1;     // grid version the <img> elements show
let shownAnchors = -1;     // anchor version the thumbnails show
let actionStart = 0;       // performance.now() of the click that changed the grid
let walking = false;

async function call(method, path, params) {
  const query = params ? "?" + new URLSearchParams(params).toString() : "";
  const response = await fetch("/api/explorer/" + path + query, { method });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

async function act(path, params) {
  actionStart = performance.now();
  try { render(await call("POST", path, params)); setStatus(""); }
  catch (e) { setStatus(e.message); }
}

function setStatus(text) { $("status").textContent = text; }

function scale(size) { return Math.max(1, Math.floor(96 / size)); }

function render(s) {
  state = s;
  const error = $("error");
  if (s.error) {
    error.textContent = "Cannot explore this model.\n" + s.error;
    error.classList.add("shown");
    $("toolbar").hidden = true;
    $("main").hidden = true;
    document.body.dataset.error = "1";
    return;
  }
  error.classList.remove("shown");
  $("toolbar").hidden = false;
  $("main").hidden = false;
  $("model").textContent = `${s.modelName} · ${s.width}×${s.height}×${s.channels} · latent ${s.latentDim}`;
  $("label").textContent = "centre: " + s.centreLabel;
  $("notice").textContent = s.notice || "";
  $("undo").disabled = !s.canUndo;
  $("redo").disabled = !s.canRedo;
  $("spread").value = Math.round(s.spread * 100);
  $("truncation").value = Math.round(s.truncation * 100);
  $("slerp").checked = s.slerp;
  if (s.version !== shownVersion) showGrid(s);
  for (const cell of $("grid").children) cell.classList.toggle("selected", s.selection.includes(+cell.dataset.cell));
  if (s.anchorVersion !== shownAnchors) showAnchors(s);
  showBookmarks(s);
}

// The grid arrives as one response of raw RGBA (cells row-major, rows top-down): no PNG to encode on
// the server or decode here, and one request instead of one per cell. Each cell is a <canvas>.
function showGrid(s) {
  shownVersion = s.version;
  const grid = $("grid");
  const px = s.width * scale(s.width), py = s.height * scale(s.width);
  grid.style.gridTemplateColumns = `repeat(${s.columns}, ${px}px)`;
  const cells = s.columns * s.rows;
  for (let k = 0; k < cells; k++) {
    let c = grid.children[k];
    if (!c) { c = document.createElement("canvas"); c.dataset.cell = k; c.title = "sample " + k; grid.appendChild(c); }
    if (c.width !== s.width || c.height !== s.height) { c.width = s.width; c.height = s.height; }
    c.style.width = px + "px"; c.style.height = py + "px";
    c.classList.toggle("centre", k === s.centreCell);
  }
  while (grid.children.length > cells) grid.lastChild.remove();
  const version = s.version;
  delete document.body.dataset.gridVersion;
  fetch(`/api/explorer/grid/${version}.rgba`).then((r) => r.ok ? r.arrayBuffer() : null).then((buffer) => {
    if (!buffer || version !== shownVersion) return;   // 410: a newer grid replaced this one
    const size = s.width * s.height * 4;
    for (let k = 0; k < cells; k++) {
      const pixels = new ImageData(new Uint8ClampedArray(buffer, k * size, size), s.width, s.height);
      grid.children[k].getContext("2d").putImageData(pixels, 0, 0);
    }
    window.wfLastGridMs = performance.now() - actionStart;
    document.body.dataset.gridVersion = String(version);
  });
}

function showAnchors(s) {
  shownAnchors = s.anchorVersion;
  const box = $("anchors");
  box.innerHTML = "";
  const size = s.width * scale(s.width) / 2;
  for (let i = 0; i < s.anchorCount; i++) {
    const img = document.createElement("img");
    img.className = "thumb anchor";
    img.width = size; img.height = size * s.height / s.width;
    img.src = `/api/explorer/anchor/${i}.png?v=${s.anchorVersion}`;
    img.alt = "anchor " + (i + 1);
    box.appendChild(img);
  }
  const canInterpolate = s.anchorCount >= 2;
  $("interp-controls").hidden = !canInterpolate;
  $("interp-hint").hidden = canInterpolate;
  document.body.dataset.anchors = String(s.anchorCount);
  $("steps").value = s.pathSteps;
  if (canInterpolate) { showPath(); showStrip(s); }
  $("blend-box").hidden = s.anchorCount < 4;
  if (s.anchorCount >= 4) showBlend(s);
}

// Draws raw RGBA images (count × w × h × 4 bytes) into canvases inside box, `columns` per row.
function drawImages(box, buffer, s, count, columns, cssSize) {
  box.innerHTML = "";
  if (columns) box.style.gridTemplateColumns = `repeat(${columns}, ${cssSize}px)`;
  const size = s.width * s.height * 4;
  for (let k = 0; k < count; k++) {
    const c = document.createElement("canvas");
    c.width = s.width; c.height = s.height; c.dataset.index = k;
    c.style.width = cssSize + "px"; c.style.height = (cssSize * s.height / s.width) + "px";
    c.getContext("2d").putImageData(new ImageData(new Uint8ClampedArray(buffer, k * size, size), s.width, s.height), 0, 0);
    box.appendChild(c);
  }
}

function showStrip(s) {
  const version = s.anchorVersion;
  delete document.body.dataset.strip;
  fetch("/api/explorer/path.rgba").then((r) => r.ok ? r.arrayBuffer() : null).then((buffer) => {
    if (!buffer || version !== shownAnchors) return;
    drawImages($("strip"), buffer, s, s.pathSteps, 0, Math.max(s.width, 24));
    document.body.dataset.strip = String(version);
  });
}

function showBlend(s) {
  const version = s.anchorVersion, n = 5;
  delete document.body.dataset.blend;
  fetch(`/api/explorer/blend.rgba?size=${n}`).then((r) => r.ok ? r.arrayBuffer() : null).then((buffer) => {
    if (!buffer || version !== shownAnchors) return;
    drawImages($("blend"), buffer, s, n * n, n, Math.max(s.width, 32));
    document.body.dataset.blend = String(version);
  });
}

function showPath() {
  const s = state, path = $("path");
  path.width = s.width * scale(s.width); path.height = s.height * scale(s.width);
  const t = $("t").value / 100;
  const url = `/api/explorer/path.png?t=${t}&v=${s.anchorVersion}`;
  if (path.getAttribute("src") === url) return;   // already showing it (no new load event would come)
  delete path.dataset.t;
  path.onload = () => { path.dataset.t = String(t); };
  path.src = url;
}

function showBookmarks(s) {
  const box = $("bookmarks");
  box.innerHTML = "";
  for (const name of s.bookmarks) {
    const b = document.createElement("button");
    b.textContent = name;
    b.onclick = () => act("bookmark/go", { name });
    box.appendChild(b);
  }
}

$("grid").addEventListener("click", (e) => {
  const cell = e.target.dataset && e.target.dataset.cell;
  if (cell === undefined) return;
  if (e.shiftKey) act("anchor", { cell });
  else if (e.ctrlKey || e.metaKey) act("select", { cell });
  else act("recentre", { cell });
});
$("go-seed").onclick = () => act("seed", { seed: $("seed").value });
$("undo").onclick = () => act("undo");
$("redo").onclick = () => act("redo");
$("spread").onchange = () => act("settings", { spread: $("spread").value / 100 });
$("truncation").onchange = () => act("settings", { truncation: $("truncation").value / 100 });
$("slerp").onchange = () => act("settings", { slerp: $("slerp").checked });
$("t").oninput = () => showPath();
$("steps").onchange = () => act("settings", { steps: $("steps").value });
$("clear-anchors").onclick = () => act("anchors/clear");
$("bookmark").onclick = () => act("bookmark", { name: $("bookmark-name").value });
$("export").onclick = async () => {
  try {
    const r = await call("POST", "export");
    setStatus(`exported ${r.files.length} files to ${r.folder}`);
    document.body.dataset.exported = r.folder;
  } catch (e) { setStatus(e.message); }
};
let walkLoop = 0;          // which Play started the loop that runs now
$("walk").onclick = async () => {
  walking = !walking;
  $("walk").textContent = walking ? "Pause walk" : "Play walk";
  document.body.dataset.walking = walking ? "1" : "0";
  if (!walking) return;
  const mine = ++walkLoop;
  delete document.body.dataset.walkStopped;
  await act("walk/start");
  while (walking && walkLoop === mine) {
    await act("walk/step");
    // Wait for the step's grid (at most 3 s) before the next one, at most 4 steps a second.
    const start = performance.now();
    const loaded = () => document.body.dataset.gridVersion === String(shownVersion);
    while (walking && performance.now() - start < 3000 && (!loaded() || performance.now() - start < 250))
      await new Promise((r) => setTimeout(r, 30));
  }
  // The loop has ended and sends no more steps: say so, with the grid version the last step made.
  if (walkLoop === mine) document.body.dataset.walkStopped = String(state.version);
};

fetch("/api/run/").then((r) => { if (r.ok) $("monitor-link").hidden = false; });
call("GET", "state").then(render).catch((e) => render({ error: e.message }));
