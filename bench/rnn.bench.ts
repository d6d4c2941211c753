/**
 * Milliseconds per training step of the Elman RNN on the d = 40 delayed-recall task
 * (E3: sequence length 90, 43 hidden units, 100 sequences, minibatch 100, Adam 0.01,
 * lambda 0.001, X̄ = 100 training-like sequences), weight space and target space side
 * by side, with the parts of a step and the number of kernels each one runs.
 *
 *   npx tsx bench/rnn.bench.ts
 *
 * Median and minimum of 10 rounds after 3 warm-up rounds, rows interleaved (see
 * timeRows), wasm backend, one thread; kernels counted by tf.profile, nested ones included. A measurement,
 * not a test: nothing is asserted. The "taped loop" row is the same net written as a
 * plain per-step tfjs loop (every op on tf.grad's tape), the baseline that the
 * custom-gradient scan in src/nn/recurrence.ts replaces.
 */
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../src/backend/index.js';
import { bitTask } from '../src/data/bits.js';
import { forward, Network } from '../src/nn/network.js';
import type { NetParams } from '../src/nn/layer.js';
import { elmanScan } from '../src/nn/recurrence.js';
import { lossValue } from '../src/train/losses.js';
import { Model } from '../src/train/model.js';
import { Trainer } from '../src/train/trainer.js';

const DELAY = 40;
const LENGTH = 90;
const UNITS = DELAY + 3;
const COUNT = 100;

await useBackend('wasm');

function recall(seed: number) {
  const d = bitTask({ task: 'recall', delay: DELAY, length: LENGTH, count: COUNT, seed });
  return { x: tf.tensor3d(d.x, [COUNT, LENGTH, 1]), y: tf.tensor2d(d.y, [COUNT, LENGTH], 'int32'), mask: tf.tensor2d(d.mask, [COUNT, LENGTH]) };
}

/**
 * Wall times (ms) of every row, interleaved: each round runs every row once, so that a
 * load spike on a shared machine hits all rows alike. Returns per row [median, min].
 */
function timeRows(runs: (() => void)[], rounds = 10, warm = 3): [number, number][] {
  for (let i = 0; i < warm; i++) runs.forEach((run) => run());
  const times = runs.map((): number[] => []);
  for (let i = 0; i < rounds; i++) {
    runs.forEach((run, j) => {
      const s = performance.now();
      run();
      times[j].push(performance.now() - s);
    });
  }
  return times.map((t) => {
    t.sort((a, b) => a - b);
    return [t[t.length >> 1], t[0]];
  });
}

/** Kernels run by one call (nested ones included, as the engine profiles them). */
async function kernelCount(run: () => void): Promise<number> {
  const info = await tf.profile(run);
  return info.kernels.length;
}

/** Sync on a result so that timing includes the work (wasm is synchronous anyway). */
function settle(t: tf.Tensor | tf.Tensor[]): void {
  const ts = Array.isArray(t) ? t : [t];
  ts.forEach((x) => x.dataSync());
  tf.dispose(ts);
}

/** A scalar depending on every weight, to differentiate the realisation alone. */
function weightSum(weights: NetParams): tf.Scalar {
  return tf.addN(weights.flatMap((p) => Object.values(p).map((w) => tf.sum(tf.square(w))))) as tf.Scalar;
}

/** The same net as a plain taped loop: one slice, two products, two adds and a tanh per step. */
function tapedLoss(w: NetParams, data: ReturnType<typeof recall>): tf.Scalar {
  const [rnn, dense] = w;
  let h = tf.zeros([COUNT, UNITS]);
  const hs: tf.Tensor[] = [];
  for (let t = 0; t < LENGTH; t++) {
    const xt = tf.reshape(tf.slice(data.x, [0, t, 0], [COUNT, 1, 1]), [COUNT, 1]);
    h = tf.tanh(tf.add(tf.add(tf.matMul(xt, rnn.kernel as tf.Tensor2D), tf.matMul(h as tf.Tensor2D, rnn.recurrent as tf.Tensor2D)), rnn.bias));
    hs.push(h);
  }
  const logits = tf.add(tf.matMul(tf.reshape(tf.stack(hs, 1), [-1, UNITS]), dense.kernel as tf.Tensor2D), dense.bias);
  return lossValue('cross_entropy', tf.reshape(logits, [COUNT, LENGTH, 2]), data.y, data.mask);
}

const net = new Network({ input: [-1, 1], layers: [{ type: 'rnn', units: UNITS }, { type: 'dense', units: 2 }] });
const train = recall(1);
const xbar = recall(2).x;
const optimiser = { name: 'adam' as const, learningRate: 0.01 };
const weightModel = Model.create(net, { space: 'weight', seed: 1 });
const targetModel = Model.create(net, { space: 'target', xbar, lambda: 0.001, seed: 1 });
const weightTrainer = new Trainer(weightModel, train, { optimiser, batchSize: COUNT, seed: 1 });
const targetTrainer = new Trainer(targetModel, train, { optimiser, batchSize: COUNT, seed: 1 });
const variables = weightModel.variables;
const lstmNet = new Network({ input: [-1, 1], layers: [{ type: 'lstm', units: UNITS }, { type: 'dense', units: 2 }] });
const lstmTrainer = new Trainer(Model.create(lstmNet, { space: 'weight', seed: 1 }), train, { optimiser, batchSize: COUNT, seed: 1 });

const TANH = { name: 'tanh' as const };
const scanU = tf.randomNormal([LENGTH, COUNT, UNITS], 0, 1, 'float32', 1) as tf.Tensor3D;
const scanR = weightModel.weights()[0].recurrent as tf.Tensor2D; // the weight-space model's (orthogonal at start)

const minibatchLoss = (m: Model) => lossValue('cross_entropy', forward(net, m.weights(), train.x, { training: true, seed: 0 }), train.y, train.mask);

interface Row {
  what: string;
  run: () => void;
}
const rows: Row[] = [
  { what: 'weight space: training step', run: () => weightTrainer.step() },
  { what: 'target space: training step', run: () => targetTrainer.step() },
  { what: '  minibatch forward + loss (no gradient)', run: () => settle(tf.tidy(() => minibatchLoss(weightModel))) },
  { what: '  minibatch forward + backward (weight space)', run: () => settle(tf.tidy(() => Object.values(tf.variableGrads(() => minibatchLoss(weightModel), variables).grads))) },
  { what: '  realise, forward only', run: () => settle(tf.tidy(() => weightSum(targetModel.weights()))) },
  { what: '  realise, forward + backward', run: () => settle(tf.tidy(() => Object.values(tf.variableGrads(() => weightSum(targetModel.weights()), targetModel.variables).grads))) },
  { what: '  realise + minibatch, forward + backward', run: () => settle(tf.tidy(() => Object.values(tf.variableGrads(() => minibatchLoss(targetModel), targetModel.variables).grads))) },
  { what: 'Elman scan alone (the time loop), forward', run: () => settle(tf.tidy(() => elmanScan(scanU, scanR, TANH))) },
  { what: 'Elman scan alone (the time loop), forward + backward', run: () => settle(tf.tidy(() => tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(elmanScan(a as tf.Tensor3D, b as tf.Tensor2D, TANH)))([scanU, scanR]))) },
  { what: 'LSTM, weight space: training step (baseline)', run: () => lstmTrainer.step() },
  { what: 'taped per-step loop: forward + backward (for comparison)', run: () => settle(tf.tidy(() => Object.values(tf.variableGrads(() => tapedLoss(weightModel.weights(), train), variables).grads))) },
];

console.log(`Elman RNN, d = ${DELAY} recall: ${COUNT} sequences x ${LENGTH} steps, ${UNITS} units, X̄ ${xbar.shape[0]} x ${LENGTH}; wasm, 1 thread`);
const timings = timeRows(rows.map((r) => r.run));
console.log(`${'what'.padEnd(58)} ${'median'.padStart(7)} ${'min'.padStart(7)} ${'kernels'.padStart(8)} ${'/step'.padStart(6)}`);
for (const [i, row] of rows.entries()) {
  const kernels = await kernelCount(row.run);
  const [med, min] = timings[i];
  console.log(`${row.what.padEnd(58)} ${med.toFixed(1).padStart(7)} ${min.toFixed(1).padStart(7)} ${String(kernels).padStart(8)} ${(kernels / LENGTH).toFixed(1).padStart(6)}`);
}
console.log(`tensors alive: ${tf.memory().numTensors}`);
