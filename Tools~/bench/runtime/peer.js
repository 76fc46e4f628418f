// onnxruntime-node 1.30 peer of the runtime benchmark: times InferenceSession.run on the same
// models, inputs and thread count. usage: node peer.js THREADS REPEATS MODEL...
const path = require('path');
const ort = require(path.join(process.env.ORT_NODE_DIR, 'node_modules', 'onnxruntime-node'));

async function main() {
  const [threads, repeats, ...models] = process.argv.slice(2);
  const results = [];
  for (const file of models) {
    const session = await ort.InferenceSession.create(file, { intraOpNumThreads: Number(threads), executionProviders: ['cpu'], graphOptimizationLevel: 'all' });
    for (const batch of [1, 16]) {
      const z = new Float32Array(batch * 128).map((_, i) => Math.sin(i * 0.7));
      const feeds = { z: new ort.Tensor('float32', z, [batch, 128]) };
      for (let i = 0; i < 5; i++) await session.run(feeds);
      const t = process.hrtime.bigint();
      for (let i = 0; i < Number(repeats); i++) await session.run(feeds);
      const ms = Number(process.hrtime.bigint() - t) / 1e6 / Number(repeats);
      results.push({ model: file, batch, ms });
    }
    await session.release();
  }
  console.log(JSON.stringify(results));
}
main().catch(e => { console.error(e); process.exit(1); });
