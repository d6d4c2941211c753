/**
 * Optimisers from TensorFlow.js, configured by plain data so runs can be saved and
 * resumed. In target space they update the targets; in weight space, the weights.
 */
import * as tf from '@tensorflow/tfjs';

export type OptimiserName = 'sgd' | 'momentum' | 'adam' | 'rmsprop';

export const OPTIMISERS: readonly OptimiserName[] = ['sgd', 'momentum', 'adam', 'rmsprop'];

export interface OptimiserConfig {
  name: OptimiserName;
  learningRate: number;
  /** Momentum coefficient for `momentum` (default 0.9) and `rmsprop` (default 0). */
  momentum?: number;
}

export function createOptimiser(config: OptimiserConfig): tf.Optimizer {
  const { name, learningRate: lr } = config;
  if (!(lr > 0) || !Number.isFinite(lr)) throw new Error(`optimiser: learning rate must be a positive number, got ${lr}.`);
  switch (name) {
    case 'sgd':
      return tf.train.sgd(lr);
    case 'momentum':
      return tf.train.momentum(lr, config.momentum ?? 0.9);
    case 'adam':
      return tf.train.adam(lr);
    case 'rmsprop':
      return tf.train.rmsprop(lr, 0.9, config.momentum ?? 0);
    default:
      throw new Error(`Unknown optimiser '${name as string}': use one of ${OPTIMISERS.join(', ')}.`);
  }
}

export function parseOptimiser(name: string): OptimiserName {
  const n = name.toLowerCase();
  if (!(OPTIMISERS as readonly string[]).includes(n)) throw new Error(`Unknown optimiser '${name}': use one of ${OPTIMISERS.join(', ')}.`);
  return n as OptimiserName;
}
