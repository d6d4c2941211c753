/**
 * Activation functions f applied to a layer's pre-activation sums ("firing strengths").
 * In target space, OCU realisation feeds f(targets) to the next layer (paper sec. 2.4).
 */
import * as tf from '@tensorflow/tfjs';

export type ActivationName = 'tanh' | 'relu' | 'leaky_relu' | 'sigmoid' | 'linear';

export const ACTIVATIONS: readonly ActivationName[] = ['tanh', 'relu', 'leaky_relu', 'sigmoid', 'linear'];

/** The slope of leaky relu for negative sums when none is given (the paper's CNNs). */
export const DEFAULT_LEAKY_ALPHA = 0.2;

export interface Activation {
  name: ActivationName;
  /** Negative slope of leaky relu; ignored by the others. */
  alpha?: number;
}

/** Apply f elementwise. */
export function activate(act: Activation, z: tf.Tensor): tf.Tensor {
  switch (act.name) {
    case 'tanh':
      return tf.tanh(z);
    case 'relu':
      return tf.relu(z);
    case 'leaky_relu':
      return tf.leakyRelu(z, act.alpha ?? DEFAULT_LEAKY_ALPHA);
    case 'sigmoid':
      return tf.sigmoid(z);
    case 'linear':
      return z;
  }
}

/** Parse a user-facing activation name, with a clear error for unknown ones. */
export function parseActivation(name: string, alpha?: number): Activation {
  const n = name.replace('-', '_').toLowerCase();
  if (n === 'leakyrelu' || n === 'leaky_relu') return { name: 'leaky_relu', alpha: alpha ?? DEFAULT_LEAKY_ALPHA };
  if (!(ACTIVATIONS as readonly string[]).includes(n)) {
    throw new Error(`Unknown activation '${name}': use one of ${ACTIVATIONS.join(', ')}.`);
  }
  return { name: n as ActivationName };
}
