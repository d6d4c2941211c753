/**
 * Experiment E1 (sec. 4.1): the two-spirals problem. The net is 2-5-5-5-2 tanh with all
 * shortcut connections (Lang & Witbrock style); X̄ is the whole training set.
 */
import * as tf from '@tensorflow/tfjs';
import { twoSpirals } from '../data/spirals.js';
import { parseActivation, type Activation } from '../nn/activations.js';
import { mlp } from '../nn/config.js';
import { gridInputs, type Extent } from '../plot/decision_surface.js';
import type { Task, TaskData } from './task.js';

export interface SpiralsOptions {
  /** Hidden layer sizes; the paper: [5, 5, 5] with shortcuts (or [12, 12, 12] without). */
  hidden: number[];
  activation: Activation;
  shortcuts: boolean;
}

export const SPIRALS_DEFAULTS: SpiralsOptions = { hidden: [5, 5, 5], activation: parseActivation('tanh'), shortcuts: true };

/** The plane shown in decision-surface plots (the spirals reach radius 6.53). */
export const SPIRALS_EXTENT: Extent = [-7, 7, -7, 7];

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
 * P(class 1) of a 2-D classifier on a size x size grid over `extent`, in the plot's
 * orientation (row 0 at y max). `predict` maps points [m, 2] to logits [m, 2].
 */
export function probabilityGrid(predict: (x: tf.Tensor2D) => tf.Tensor, extent: Extent, size = 160): Float32Array {
  const pts = gridInputs(extent, size, size);
  const probs = tf.tidy(() => tf.slice(tf.softmax(predict(tf.tensor2d(pts, [size * size, 2]))), [0, 1], [-1, 1]));
  const out = Float32Array.from(probs.dataSync());
  probs.dispose();
  return out;
}
