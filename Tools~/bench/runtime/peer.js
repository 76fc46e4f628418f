// onnxruntime-node 1.30 peer of the runtime benchmark: times InferenceSession.run on the same
// models, latents and thread count as RuntimeBench.cs (median and mean of REPEATS runs after warm-up).
// usage: ORT_NODE_DIR=<folder holding node_modules/onnxruntime-node> node peer.js THREADS REPEATS MODEL...
const path = require('path');
const ort = require(path.join(process.env.ORT_NODE_DIR, 'node_modules', 'onnxruntime-node'));

async function main() {
  const [threads, repeatsText, ...models] = process.argv.slice(2);
  const repeats = Number(repeatsText);
  const results = [];
  for (const file of models) {
    const session = await ort.InferenceSession.create(file, {
      intraOpNumThreads: Number(threads), executionProviders: ['cpu'], graphOptimizationLevel: 'all' });
    for (const batch of [1, 16]) {
      const z = new Float32Array(batch * 128).map((_, i) => Math.sin(i * 0.7));
      const feeds = { z: new ort.Tensor('float32', z, [batch, 128]) };
      for (let i = 0; i < Math.max(5, Math.floor(repeats / 10)); i++) await session.run(feeds);
      const ms = [];
      for (let i = 0; i < repeats; i++) {
        const t = process.hrtime.bigint();
        await session.run(feeds);
        ms.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
      ms.sort((a, b) => a - b);
      results.push({ model: file, batch, median_ms: ms[Math.floor(repeats / 2)], mean_ms: ms.reduce((a, b) => a + b, 0) / repeats });
    }
    await session.release();
  }
  console.log(JSON.stringify(results));
}
main().catch(e => { console.error(e); process.exit(1); });
