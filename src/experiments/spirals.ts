/**
 * Experiment E1 (sec. 4.1): the two-spirals problem. The net is 2-5-5-5-2 tanh with all
 * shortcut connections (Lang & Witbrock style); X̄ is the whole training set.
 */
import * as tf from '@tensorflow/tfjs';
import { twoSpirals } from '../data/spirals.js';
import { parseActivation, type Activation } from '../nn/activations.js';
import { mlp } from '../nn/config.js';
import type { Task, TaskData } from './task.js';

export interface SpiralsOptions {
  /** Hidden layer sizes; the paper: [5, 5, 5] with shortcuts (or [12, 12, 12] without). */
  hidden: number[];
  activation: Activation;
  shortcuts: boolean;
}

export const SPIRALS_DEFAULTS: SpiralsOptions = { hidden: [5, 5, 5], activation: parseActivation('tanh'), shortcuts: true };

/** The plane shown in decision-surface plots (the spirals reach radius 6.53). */
export const SPIRALS_EXTENT: [number, number, number, number] = [-7, 7, -7, 7];

export function spiralsTask(options: SpiralsOptions = SPIRALS_DEFAULTS): Task {
  return {
    name: 'spirals',
    network: mlp(2, options.hidden, 2, options.activation, options.shortcuts),
    load: async (): Promise<TaskData> => {
      const tr = twoSpirals('train');
      const te = twoSpirals('test');
      const train = { x: tf.tensor2d(tr.x, [tr.n, 2]), y: tf.tensor1d(tr.y, 'int32') };
      const test = { x: tf.tensor2d(te.x, [te.n, 2]), y: tf.tensor1d(te.y, 'int32') };
      return {
        train,
        evalSets: { test },
        xbar: train.x,
        classes: 2,
        dispose: () => tf.dispose([train.x, train.y, test.x, test.y]),
      };
    },
  };
}

/**
 * P(class 1) of a 2-D classifier on a grid over `extent`, row-major with the first row
 * at y max (image order). `predict` maps points [m, 2] to logits [m, 2].
 */
export function probabilityGrid(predict: (x: tf.Tensor2D) => tf.Tensor, extent: [number, number, number, number], size = 160): Float32Array {
  const [x0, x1, y0, y1] = extent;
  const pts = new Float32Array(size * size * 2);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const i = (r * size + c) * 2;
      pts[i] = x0 + ((c + 0.5) / size) * (x1 - x0);
      pts[i + 1] = y1 - ((r + 0.5) / size) * (y1 - y0);
    }
  }
  const probs = tf.tidy(() => tf.slice(tf.softmax(predict(tf.tensor2d(pts, [size * size, 2]))), [0, 1], [-1, 1]));
  const out = probs.dataSync() as Float32Array;
  probs.dispose();
  return Float32Array.from(out);
}
