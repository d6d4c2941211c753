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
  dispose(): void;
}

export interface Task {
  /** Short name, e.g. `spirals`, `fashion-mnist`, `bits-recall`. */
  name: string;
  network: NetworkConfig;
  load(): Promise<TaskData>;
}
