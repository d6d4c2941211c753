/**
 * The trainer: one loop for both spaces. Each step derives the weights (identity, or a
 * realisation through which the loss is differentiated), runs the ordinary forward pass
 * on a minibatch and lets the optimiser update the variables (weights or targets).
 */
import * as tf from '@tensorflow/tfjs';
import { forward } from '../nn/network.js';
import { Rng } from '../util/rng.js';
import { evaluate, type Dataset, type Evaluation } from './evaluate.js';
import { lossValue, type LossName } from './losses.js';
import type { Model } from './model.js';
import { createOptimiser, type OptimiserConfig } from './optimisers.js';

export interface FitOptions {
  iterations: number;
  /** Minibatch size; omit (or >= the training set size) for full-batch training. */
  batchSize?: number;
  optimiser: OptimiserConfig;
  /** Default cross_entropy. */
  loss?: LossName;
  /** Seeds minibatch order and dropout. */
  seed: number;
  /** Evaluate every this many iterations (and at 0 and the end). Default: about 50 rows in all. */
  evalEvery?: number;
  /** Extra sets evaluated at each row, e.g. { test }. */
  evalSets?: Record<string, Dataset>;
  /** Rows per chunk when evaluating (bounds memory). Default 1000. */
  evalBatch?: number;
  /** Called after every step with the minibatch loss and accuracy (cheap: already computed). */
  onStep?: (iteration: number, loss: number, accuracy: number) => void;
  /** Called with every evaluation row. */
  onEval?: (row: MetricsRow) => void | Promise<void>;
  /** Polled after every step; true stops training early (e.g. on SIGINT). */
  shouldStop?: () => boolean;
}

export interface MetricsRow {
  iteration: number;
  /** Wall seconds since fit() started. */
  elapsed: number;
  /** Per evaluated set: loss and accuracy (always has `train`). */
  sets: Record<string, Evaluation>;
}

export interface FitResult {
  history: MetricsRow[];
  /** The first iteration at which accuracy on the whole training set reached 100% (null if never). */
  firstPerfect: number | null;
  /** Iterations actually run (fewer than asked if stopped). */
  iterations: number;
  wallSeconds: number;
}

/** Train `model` on `train`; resolves with the metrics history. */
export async function fit(model: Model, train: Dataset, options: FitOptions): Promise<FitResult> {
  const n = train.x.shape[0];
  if (!Number.isInteger(options.iterations) || options.iterations < 0) throw new Error(`fit: iterations must be a non-negative integer, got ${options.iterations}.`);
  const batchSize = Math.min(options.batchSize ?? n, n);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`fit: batch size must be a positive integer, got ${options.batchSize}.`);
  const fullBatch = batchSize === n;
  const loss = options.loss ?? 'cross_entropy';
  const optimiser = createOptimiser(options.optimiser);
  const rng = new Rng(options.seed);
  const evalEvery = options.evalEvery ?? Math.max(1, Math.round(options.iterations / 50));
  const start = performance.now();
  const history: MetricsRow[] = [];
  let firstPerfect: number | null = null;
  let order = rng.permutation(n);
  let cursor = 0;

  const record = async (iteration: number) => {
    const sets: Record<string, Evaluation> = { train: evaluate(model, train, loss, options.evalBatch) };
    for (const [name, data] of Object.entries(options.evalSets ?? {})) sets[name] = evaluate(model, data, loss, options.evalBatch);
    if (firstPerfect === null && sets.train.accuracy === 1) firstPerfect = iteration;
    const row = { iteration, elapsed: (performance.now() - start) / 1000, sets };
    history.push(row);
    await options.onEval?.(row);
  };

  await record(0);
  let it = 0;
  try {
    while (it < options.iterations) {
      let idx: Int32Array | null = null;
      if (!fullBatch) {
        if (cursor + batchSize > n) {
          order = rng.permutation(n);
          cursor = 0;
        }
        idx = order.subarray(cursor, cursor + batchSize);
        cursor += batchSize;
      }
      const [lossV, accV] = step(model, train, idx, loss, optimiser, options.seed * 100003 + it);
      it++;
      if (!Number.isFinite(lossV)) {
        throw new Error(`fit: the loss became ${lossV} at iteration ${it} (${model.space} space). Lower the learning rate${model.space === 'target' ? ' or raise lambda' : ''}.`);
      }
      // Full batch: the step's accuracy is the whole training set's, before this update.
      if (fullBatch && firstPerfect === null && accV === 1) firstPerfect = it - 1;
      options.onStep?.(it, lossV, accV);
      if (it % evalEvery === 0 || it === options.iterations) await record(it);
      if (options.shouldStop?.()) break;
    }
    if (history[history.length - 1].iteration !== it) await record(it);
  } finally {
    optimiser.dispose();
  }
  return { history, firstPerfect, iterations: it, wallSeconds: (performance.now() - start) / 1000 };
}

/** One optimiser step on a minibatch; returns its loss and accuracy before the update. */
function step(model: Model, train: Dataset, idx: Int32Array | null, loss: LossName, optimiser: tf.Optimizer, seed: number): [number, number] {
  let acc: tf.Scalar | null = null;
  const lossT = tf.tidy(() => {
    const pick = (t: tf.Tensor | undefined) => (t && idx ? tf.gather(t, tf.tensor1d(idx, 'int32')) : t);
    const x = pick(train.x)!;
    const y = pick(train.y)!;
    const mask = pick(train.mask);
    return optimiser.minimize(() => {
      const logits = forward(model.net, model.weights(), x, { training: true, seed });
      acc = tf.keep(accuracyOf(logits, y, mask));
      return lossValue(loss, logits, y, mask);
    }, true, model.variables)!;
  });
  const lossV = lossT.dataSync()[0];
  const accV = (acc as tf.Scalar | null)?.dataSync()[0] ?? NaN;
  tf.dispose([lossT, acc as tf.Scalar | null].filter((t): t is tf.Scalar => t !== null));
  return [lossV, accV];
}

function accuracyOf(logits: tf.Tensor, y: tf.Tensor, mask?: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const correct = tf.cast(tf.equal(tf.argMax(logits, -1), tf.cast(y, 'int32')), 'float32');
    return (mask ? tf.div(tf.sum(tf.mul(correct, mask)), tf.maximum(tf.sum(mask), 1)) : tf.mean(correct)) as tf.Scalar;
  });
}
