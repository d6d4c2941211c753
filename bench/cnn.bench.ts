/**
 * A training step of a small CNN in weight space and in target space (the paper's E2
 * set-up, sec. 4: X̄ = 100 images, minibatch 100, Adam, lambda 0.1, targets std 0.1),
 * measured side by side, and the realisation's cost split per solvable layer into its
 * pieces: patch matrix, Gram, solve, backward. The Gram is compared with numpy
 * (single-threaded, float32) on the same shapes when python3 with numpy is present.
 *
 *   npx tsx bench/cnn.bench.ts
 *
 * Net: conv3x3x16 -> maxpool2 -> conv3x3x32 -> maxpool2 -> flatten -> dense 100 -> dense 10,
 * leaky relu, on random 28x28x1 images (timing only: the data's content does not matter).
 * Medians after a warm-up, as wall time and as process CPU time; the latter is steadier
 * when other processes share the machine, so the pieces are given in CPU time. A
 * measurement, not a test: nothing is asserted.
 */
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../src/backend/index.js';
import { cholesky, choleskySolve } from '../src/linalg/cholesky.js';
import { gramColumns, gramRows } from '../src/linalg/dense64.js';
import { FLOAT64_GRAM_BUDGET, ridgeSolve } from '../src/linalg/ridge_solve.js';
import type { NetworkConfig } from '../src/nn/config.js';
import { EVAL } from '../src/nn/layer.js';
import { Network, walk } from '../src/nn/network.js';
import { Model } from '../src/train/model.js';
import { Trainer } from '../src/train/trainer.js';
import { numpyAvailable, runNumpy } from './numpy.js';

const LAMBDA = 0.1;
const REPS = 10;
const leaky = { name: 'leaky_relu' as const, alpha: 0.2 };
const config: NetworkConfig = {
  input: [28, 28, 1],
  layers: [
    { type: 'conv2d', filters: 16, kernelSize: 3, activation: leaky },
    { type: 'maxpool2d', poolSize: 2 },
    { type: 'conv2d', filters: 32, kernelSize: 3, activation: leaky },
    { type: 'maxpool2d', poolSize: 2 },
    { type: 'flatten' },
    { type: 'dense', units: 100, activation: leaky },
    { type: 'dense', units: 10 },
  ],
};

interface Timing {
  wall: number;
  cpu: number;
}

const median = (a: number[]): number => [...a].sort((x, y) => x - y)[a.length >> 1];

/**
 * Median wall and CPU ms of `run` on fresh inputs from `prepare` (untimed), after a warm-up.
 * Timed closures must not return a typed array from `tf.tidy`: tidy walks it element by
 * element (seconds for large ones), which would be timed instead of the work.
 */
function measure<T>(prepare: () => T, run: (inputs: T) => void, cleanup: (inputs: T) => void = () => {}, reps = REPS, warmup = 2): Timing {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let r = 0; r < warmup + reps; r++) {
    const inputs = prepare();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    run(inputs);
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    cleanup(inputs);
    if (r >= warmup) {
      walls.push(wall);
      cpus.push((c.user + c.system) / 1000);
    }
  }
  return { wall: median(walls), cpu: median(cpus) };
}

/** CPU ms of `run` on fresh copies of `t`. */
function cpuOn<T extends tf.Tensor>(t: T, run: (copy: T) => void): number {
  return measure(() => fresh(t), run, (copy) => copy.dispose()).cpu;
}

/** A copy with a new data id: XNNPACK caches packed weights per tensor, which training (new tensors every step) never hits. */
function fresh<T extends tf.Tensor>(t: T): T {
  return tf.mul(t, 1) as T;
}

function ms(t: number | undefined, digits = 1): string {
  return t === undefined || !Number.isFinite(t) ? '-' : t.toFixed(digits);
}

function table(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  rows.forEach((r) => console.log(line(r)));
}

await useBackend('wasm');
const net = new Network(config);
const data = { x: tf.randomUniform([1000, 28, 28, 1], 0, 1, 'float32', 1), y: tf.randomUniform([1000], 0, 10, 'int32', 2) };
const xbar = tf.slice(data.x, 0, 100);
const weightModel = Model.create(net, { space: 'weight', seed: 1 });
const targetModel = Model.create(net, { space: 'target', seed: 1, xbar, lambda: LAMBDA, targetStd: 0.1 });
const trainer = (model: Model, learningRate: number) => new Trainer(model, data, { optimiser: { name: 'adam', learningRate }, batchSize: 100, seed: 3 });
const trainers = { weight: trainer(weightModel, 0.001), target: trainer(targetModel, 0.01) };
const targets = targetModel.targets();
const targetCount = targetModel.variables.reduce((s, v) => s + v.size, 0);
console.log(`backend ${tf.getBackend()}; ${net.weightCount} weights; ${targetCount} targets on X̄ = 100 images\n`);

// --- 1. Whole steps, interleaved so that both spaces see the same machine load.
for (let i = 0; i < 3; i++) [trainers.weight, trainers.target].forEach((t) => t.step());
const runs: Record<'weight' | 'target', Timing[]> = { weight: [], target: [] };
for (let r = 0; r < REPS; r++) {
  runs.weight.push(measure(() => null, () => trainers.weight.step(), undefined, 1, 0));
  runs.target.push(measure(() => null, () => trainers.target.step(), undefined, 1, 0));
}
const step = (space: 'weight' | 'target'): Timing => ({ wall: median(runs[space].map((t) => t.wall)), cpu: median(runs[space].map((t) => t.cpu)) });
const [weightStep, targetStep] = [step('weight'), step('target')];

// The realisation alone: forward (weights from targets), and forward + backward to the targets.
const probes = tf.tidy(() => targetModel.freeze().map((p) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, tf.keep(tf.randomNormal(v.shape))]))));
const probeLoss = (): tf.Scalar =>
  targetModel.weights().reduce((s: tf.Tensor, p, i) => Object.entries(p).reduce((t, [k, v]) => tf.add(t, tf.sum(tf.mul(v, probes[i][k]))), s), tf.scalar(0)) as tf.Scalar;
const realiseFwd = measure(() => null, () => tf.tidy(() => targetModel.weights().forEach((p) => Object.values(p).forEach((v) => v.dataSync()))));
const realiseBoth = measure(() => null, () =>
  tf.tidy(() => {
    const { grads } = tf.variableGrads(probeLoss, targets.filter((t): t is tf.Variable => t !== null));
    Object.values(grads).forEach((g) => g.dataSync());
  }),
);

console.log(`Training step (Adam, minibatch 100), median of ${REPS} after warm-up:`);
const row = (label: string, t: Timing) => [label, ms(t.wall), ms(t.cpu)];
table(['', 'wall ms', 'cpu ms'], [
  row('weight space step', weightStep),
  row('target space step', targetStep),
  row('  realisation fwd+bwd', realiseBoth),
  row('  realisation fwd', realiseFwd),
  row('  rest: minibatch fwd+bwd, Adam', { wall: targetStep.wall - realiseBoth.wall, cpu: targetStep.cpu - realiseBoth.cpu }),
  ['ratio target / weight', (targetStep.wall / weightStep.wall).toFixed(2), (targetStep.cpu / weightStep.cpu).toFixed(2)],
]);

// --- 2. The realisation's pieces per solvable layer, on the layer's actual SCU input on X̄.
// Each backward is fwd+bwd (with a given upstream gradient) minus fwd.
const inputs: tf.Tensor[] = [];
tf.tidy(() => {
  const weights = targetModel.weights();
  walk(net, xbar, (layer, i, input) => {
    inputs.push(tf.keep(input));
    return layer.apply(weights[i], input, EVAL).out;
  });
});

interface Piece {
  name: string;
  shape: [number, number];
  primal: boolean;
  gram64: boolean;
  patches: number;
  patchesBwd?: number;
  gram: number;
  solve: number;
  ridge: number;
  ridgeBwd: number;
}

/** The Gram as ridgeSolve forms it on its 'auto' path: float64 JS for small systems, else tfjs float32. */
function gramOnce(a: tf.Tensor2D, primal: boolean, gram64: boolean): ArrayLike<number> {
  const [n, d] = a.shape;
  if (gram64) return primal ? gramColumns(a.dataSync(), n, d, LAMBDA) : gramRows(a.dataSync(), n, d, LAMBDA);
  const g = tf.tidy(() => (primal ? tf.matMul(tf.transpose(a), a) : tf.matMul(a, tf.transpose(a))));
  const values = g.dataSync();
  g.dispose();
  return values;
}

const pieces: Piece[] = [];
net.layers.forEach((layer, i) => {
  const lin = layer.linear;
  if (!lin) return;
  const x = inputs[i];
  const t = targets[i]!;
  const patches = cpuOn(x, (xx) => tf.tidy(() => void lin.design(xx, t).dataSync()));
  // Differentiating the design matters only after the first layer (X̄ itself is constant).
  let patchesBwd: number | undefined;
  if (i > 0) {
    const dy = tf.tidy(() => tf.randomNormal(lin.design(x, t).shape));
    patchesBwd = cpuOn(x, (xx) => tf.tidy(() => void tf.grad((z: tf.Tensor) => lin.design(z, t))(xx, dy).dataSync())) - patches;
    dy.dispose();
  }
  const a = tf.keep(lin.design(x, t)) as tf.Tensor2D;
  const t2 = tf.keep(tf.reshape(t, [-1, lin.units])) as tf.Tensor2D;
  const [n, d] = a.shape;
  const primal = n >= d;
  const size = primal ? d : n;
  const gram64 = n * d * size <= FLOAT64_GRAM_BUDGET;
  const gram = cpuOn(a, (aa) => gramOnce(aa, primal, gram64));
  const m = Float64Array.from(gramOnce(a, primal, gram64));
  if (!gram64) for (let j = 0; j < size; j++) m[j * size + j] += LAMBDA;
  const rhs = Float64Array.from({ length: size * lin.units }, (_, j) => Math.sin(j));
  const solve = measure(() => null, () => choleskySolve(cholesky(m, size), rhs, lin.units)).cpu;
  const ridge = cpuOn(a, (aa) => tf.tidy(() => void ridgeSolve(aa, t2, LAMBDA).dataSync()));
  const dw = tf.randomNormal([d, lin.units]);
  const solveGrads = tf.grads((p: tf.Tensor, q: tf.Tensor) => ridgeSolve(p as tf.Tensor2D, q as tf.Tensor2D, LAMBDA));
  const ridgeBoth = cpuOn(a, (aa) => tf.tidy(() => solveGrads([aa, t2], dw).forEach((g) => g.dataSync())));
  pieces.push({ name: `${i}: ${layer.type}`, shape: [n, d], primal, gram64, patches, patchesBwd, gram, solve, ridge, ridgeBwd: ridgeBoth - ridge });
  tf.dispose([a, t2, dw]);
});
tf.dispose(inputs);

console.log('\nRealisation pieces per solvable layer (CPU ms; "ridge fwd" includes the Gram and the solve; bwd = fwd+bwd - fwd):');
table(
  ['layer', 'A [rows x cols]', 'form', 'patches', 'patches bwd', 'Gram', 'solve (Cholesky)', 'ridge fwd', 'ridge bwd'],
  pieces.map((p) => [
    p.name,
    `${p.shape[0]} x ${p.shape[1]}`,
    p.primal ? 'primal' : 'dual',
    ms(p.patches),
    ms(p.patchesBwd),
    `${ms(p.gram)}${p.gram64 ? ' (f64 JS)' : ''}`,
    ms(p.solve, 2),
    ms(p.ridge),
    ms(p.ridgeBwd),
  ]),
);
const sum = (f: (p: Piece) => number | undefined) => ms(pieces.reduce((s, p) => s + (f(p) ?? 0), 0));
console.log(
  `sums: patches ${sum((p) => p.patches)}, patches bwd ${sum((p) => p.patchesBwd)}, Gram ${sum((p) => p.gram)}, ` +
    `solve ${sum((p) => p.solve)}, ridge fwd ${sum((p) => p.ridge)}, ridge bwd ${sum((p) => p.ridgeBwd)}`,
);

// --- 3. The Gram against numpy (float32, one thread, CPU time too) on the same shapes.
const np = numpyAvailable()
  ? runNumpy<number[]>(`
import json, time, numpy as np
rng = np.random.default_rng(0)
def med(f, r=${REPS}):
    f(); f(); ts = []
    for _ in range(r):
        t0 = time.process_time(); f(); ts.append((time.process_time() - t0) * 1000)
    return sorted(ts)[r // 2]
out = []
for n, d, primal in ${JSON.stringify(pieces.map((p) => [p.shape[0], p.shape[1], p.primal ? 1 : 0]))}:
    a = rng.standard_normal((n, d), dtype=np.float32)
    out.append(med((lambda: a.T @ a) if primal else (lambda: a @ a.T)))
print(json.dumps(out))`)
  : null;
console.log(`\nGram vs numpy (CPU ms; ${np ? 'numpy float32, OPENBLAS_NUM_THREADS=1' : 'numpy absent: column skipped'}):`);
table(
  ['A [rows x cols]', 'product', 'ours ms', 'ours GFLOP/s', 'numpy ms', 'ours / numpy'],
  pieces.map((p, j) => {
    const [n, d] = p.shape;
    const flops = 2 * n * d * (p.primal ? d : n);
    const product = `${p.primal ? 'A^T A' : 'A A^T'}${p.gram64 ? ' (f64 JS)' : ''}`;
    return [`${n} x ${d}`, product, ms(p.gram, 2), ms(flops / p.gram / 1e6), np ? ms(np[j], 2) : '-', np ? ms(p.gram / np[j]) : '-'];
  }),
);

// --- 4. Anatomy of the largest float32 Gram: transpose, packing (new operands) and the product.
const big = pieces.filter((p) => !p.gram64).sort((p, q) => q.shape[0] * q.shape[1] - p.shape[0] * p.shape[1])[0];
if (big) {
  const a = tf.randomNormal(big.shape) as tf.Tensor2D;
  const at = tf.transpose(a) as tf.Tensor2D;
  const transpose = cpuOn(a, (aa) => tf.transpose(aa).dispose());
  const freshMm = measure(() => [fresh(at), fresh(a)], ([p, q]) => tf.tidy(() => void tf.matMul(p, q).dataSync()), (ts) => tf.dispose(ts)).cpu;
  const cachedMm = measure(() => null, () => tf.tidy(() => void tf.matMul(at, a).dataSync())).cpu;
  const gflops = (t: number) => ms((2 * big.shape[0] * big.shape[1] ** 2) / t / 1e6);
  console.log(
    `\nGram anatomy, A ${big.shape.join(' x ')} (CPU ms): transpose ${ms(transpose, 2)}; matMul(A^T, A) on new operands ` +
      `${ms(freshMm, 2)} (${gflops(freshMm)} GFLOP/s); on the same operands again (XNNPACK's packed-weight cache hit) ` +
      `${ms(cachedMm, 2)} (${gflops(cachedMm)} GFLOP/s)`,
  );
  tf.dispose([a, at]);
}
