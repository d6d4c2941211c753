/**
 * What an experiment trains on: a task supplies the network and the data (training,
 * evaluation sets and X̄). The runner (run.ts) is the same for every task and space.
 */
import type * as tf from '@tensorflow/tfjs';
import type { NetworkConfig } from '../nn/config.js';
import type { Dataset } from '../train/evaluate.js';

export interface TaskData {
  train: Dataset;
  /** Evaluation sets by name, e.g. { test } or { validation, test }. */
  evalSets: Record<string, Dataset>;
  /** The fixed target-space input batch X̄ (sec. 3.1). */
  xbar: tf.Tensor;
  /** Number of classes of the output layer. */
  classes: number;
  /** What the `train` metrics are measured on (default: the whole training set; big sets use a fixed subset). */
  trainEval?: Dataset;
  dispose(): void;
}

export interface Task {
  /** Short name, e.g. `spirals`, `fashion-mnist`, `bits-recall`. */
  name: string;
  network: NetworkConfig;
  /** The layer where X̄ enters (default 0; 1 for X̄ as noise in a text net's embedding space). */
  xbarAt?: number;
  load(): Promise<TaskData>;
}
