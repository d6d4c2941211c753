/**
 * Weight-space initialisers (paper sec. 3.4 and its reference scripts): Glorot uniform
 * for tanh/sigmoid/linear layers, He normal for relu/leaky relu. All seeded.
 */
import * as tf from '@tensorflow/tfjs';
import type { ActivationName } from './activations.js';

/** Glorot/Xavier uniform: U(-l, l), l = sqrt(6 / (fanIn + fanOut)). */
export function glorotUniform(shape: number[], fanIn: number, fanOut: number, seed: number): tf.Tensor {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return tf.randomUniform(shape, -limit, limit, 'float32', seed);
}

/** He normal: N(0, 2 / fanIn), truncated at two standard deviations as in Keras. */
export function heNormal(shape: number[], fanIn: number, seed: number): tf.Tensor {
  // A truncated normal's std is 0.8796 of its parameter: rescale so the result has std sqrt(2/fanIn).
  return tf.truncatedNormal(shape, 0, Math.sqrt(2 / fanIn) / 0.87962566103423978, 'float32', seed);
}

/** The initialiser the paper pairs with an activation. */
export function kernelInit(activation: ActivationName, shape: number[], fanIn: number, fanOut: number, seed: number): tf.Tensor {
  return activation === 'relu' || activation === 'leaky_relu' ? heNormal(shape, fanIn, seed) : glorotUniform(shape, fanIn, fanOut, seed);
}

export function zeros(shape: number[]): tf.Tensor {
  return tf.zeros(shape);
}
