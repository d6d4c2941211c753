/**
 * Training settings shared by every experiment, with the defaults in one place.
 * Each experiment's preset overrides them with the paper's values (and cites them).
 */
import type { RealiseMode } from '../target/realise.js';
import type { LossName } from '../train/losses.js';
import type { Space } from '../train/model.js';
import type { OptimiserName } from '../train/optimisers.js';

export interface TrainSettings {
  /** Which spaces to run; `both` runs target and weight space side by side. */
  spaces: Space[];
  seed: number;
  iterations: number;
  /** Minibatch size; undefined = full batch. */
  batchSize?: number;
  optimiser: OptimiserName;
  /** Learning rate per space (the paper uses different ones for CNNs: 0.01 target, 0.001 weight). */
  learningRate: Record<Space, number>;
  loss: LossName;
  /** Target space: pseudoinverse regularisation (sec. 3.2). */
  lambda: number;
  /** Target space: SCU or OCU realisation (sec. 2.4). */
  mode: RealiseMode;
  /** Target space: the initial projection (sec. 3.4). */
  project: boolean;
  /** Target space: std of the initial targets (sec. 3.4). */
  targetStd: number;
  /** Evaluate every this many iterations. */
  evalEvery: number;
  /** Save a checkpoint every this many iterations (0 = only at the end). */
  checkpointEvery: number;
}

/** The two-spirals settings of the paper (E1, sec. 4.1; method.md's table). */
export const DEFAULT_SETTINGS: TrainSettings = {
  spaces: ['target', 'weight'],
  seed: 1,
  iterations: 4000,
  batchSize: undefined,
  optimiser: 'adam',
  learningRate: { target: 0.01, weight: 0.01 },
  loss: 'cross_entropy',
  lambda: 0.001,
  mode: 'scu',
  project: true,
  targetStd: 1,
  evalEvery: 20,
  checkpointEvery: 0,
};
