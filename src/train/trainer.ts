/**
 * The trainer: one step function for both spaces. Each step derives the weights
 * (identity, or a realisation through which the loss is differentiated), runs the
 * ordinary forward pass on a minibatch and lets the optimiser update the variables
 * (weights or targets). Step-level so that loops, the playground and checkpoints share it.
 */
import * as tf from '@tensorflow/tfjs';
import { forward } from '../nn/network.js';
import { Rng } from '../util/rng.js';
import type { Dataset } from './evaluate.js';
import { accuracy, lossValue, type LossName } from './losses.js';
import type { Model } from './model.js';
import { createOptimiser, type OptimiserConfig } from './optimisers.js';

export interface TrainerOptions {
  optimiser: OptimiserConfig;
  /** Minibatch size; omit (or >= the training set size) for full-batch training. */
  batchSize?: number;
  /** Default cross_entropy. */
  loss?: LossName;
  /** Seeds minibatch order and dropout. */
  seed: number;
}

export interface StepResult {
  /** The iteration just completed (1-based). */
  iteration: number;
  /** Minibatch loss and accuracy before this update. */
  loss: number;
  accuracy: number;
}

/** Serialisable trainer state (besides the model's variables and the optimiser's weights). */
export interface TrainerState {
  iteration: number;
  rng: number[];
  order: number[];
  cursor: number;
}

export class Trainer {
  readonly optimiser: tf.Optimizer;
  readonly batchSize: number;
  readonly fullBatch: boolean;
  readonly loss: LossName;
  iteration = 0;
  private rng: Rng;
  private order: Int32Array;
  private cursor = 0;

  constructor(readonly model: Model, readonly train: Dataset, readonly options: TrainerOptions) {
    const n = train.x.shape[0];
    if (train.y.shape[0] !== n) throw new Error(`trainer: inputs have ${n} rows but labels have ${train.y.shape[0]}.`);
    const batchSize = Math.min(options.batchSize ?? n, n);
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`trainer: batch size must be a positive integer, got ${options.batchSize}.`);
    this.batchSize = batchSize;
    this.fullBatch = batchSize === n;
    this.loss = options.loss ?? 'cross_entropy';
    this.optimiser = createOptimiser(options.optimiser);
    this.rng = new Rng(options.seed);
    this.order = this.rng.permutation(n);
  }

  /** One optimiser step on the next minibatch (epochs reshuffled, seeded). */
  step(): StepResult {
    const idx = this.fullBatch ? null : this.nextBatch();
    const seed = this.options.seed * 100003 + this.iteration;
    let acc: tf.Scalar | null = null;
    const lossT = tf.tidy(() => {
      const pick = (t: tf.Tensor | undefined) => (t && idx ? tf.gather(t, tf.tensor1d(idx, 'int32')) : t);
      const x = pick(this.train.x)!;
      const y = pick(this.train.y)!;
      const mask = pick(this.train.mask);
      return this.optimiser.minimize(() => {
        const logits = forward(this.model.net, this.model.weights(), x, { training: true, seed });
        acc = tf.keep(accuracy(logits, y, mask));
        return lossValue(this.loss, logits, y, mask);
      }, true, this.model.variables)!;
    });
    const lossV = lossT.dataSync()[0];
    const accT = acc as tf.Scalar | null;
    const accV = accT ? accT.dataSync()[0] : NaN;
    tf.dispose(accT ? [lossT, accT] : [lossT]);
    this.iteration++;
    if (!Number.isFinite(lossV)) {
      const hint = this.model.space === 'target' ? 'lower the learning rate or raise lambda' : 'lower the learning rate';
      throw new Error(`training diverged: the loss became ${lossV} at iteration ${this.iteration} (${this.model.space} space); ${hint}.`);
    }
    return { iteration: this.iteration, loss: lossV, accuracy: accV };
  }

  private nextBatch(): Int32Array {
    const n = this.order.length;
    if (this.cursor + this.batchSize > n) {
      this.order = this.rng.permutation(n);
      this.cursor = 0;
    }
    const idx = this.order.slice(this.cursor, this.cursor + this.batchSize);
    this.cursor += this.batchSize;
    return idx;
  }

  getState(): TrainerState {
    return { iteration: this.iteration, rng: this.rng.getState(), order: Array.from(this.order), cursor: this.cursor };
  }

  setState(s: TrainerState): void {
    if (s.order.length !== this.order.length) throw new Error(`trainer: saved state is for ${s.order.length} training rows, this data set has ${this.order.length}.`);
    this.iteration = s.iteration;
    this.rng = Rng.fromState(s.rng);
    this.order = Int32Array.from(s.order);
    this.cursor = s.cursor;
  }

  dispose(): void {
    this.optimiser.dispose();
  }
}
