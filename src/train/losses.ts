/**
 * Losses and accuracy for classification. Labels are integer class ids; outputs are
 * logits [..., classes]. An optional mask [...] (1 = counts) selects the positions that
 * count, e.g. only the steps t >= d of a bit-stream task (sec. 5).
 */
import * as tf from '@tensorflow/tfjs';

export type LossName = 'cross_entropy' | 'mse';

export const LOSSES: readonly LossName[] = ['cross_entropy', 'mse'];

/** Mean over counted positions of a per-position value [...]. */
function maskedMean(values: tf.Tensor, mask?: tf.Tensor): tf.Scalar {
  if (!mask) return tf.mean(values);
  return tf.div(tf.sum(tf.mul(values, mask)), tf.maximum(tf.sum(mask), 1)) as tf.Scalar;
}

/**
 * Softmax cross-entropy (natural log) or mean squared error against one-hot labels.
 * @param logits [..., classes]
 * @param labels int32 [...]
 */
export function lossValue(name: LossName, logits: tf.Tensor, labels: tf.Tensor, mask?: tf.Tensor): tf.Scalar {
  const classes = logits.shape[logits.rank - 1];
  const onehot = tf.oneHot(tf.cast(labels, 'int32'), classes);
  if (name === 'cross_entropy') {
    return maskedMean(tf.neg(tf.sum(tf.mul(onehot, tf.logSoftmax(logits)), -1)), mask);
  }
  return maskedMean(tf.mean(tf.squaredDifference(logits, onehot), -1), mask);
}

/** Fraction of counted positions whose arg-max output equals the label. */
export function accuracy(logits: tf.Tensor, labels: tf.Tensor, mask?: tf.Tensor): tf.Scalar {
  return maskedMean(tf.cast(tf.equal(tf.argMax(logits, -1), tf.cast(labels, 'int32')), 'float32'), mask);
}

export function parseLoss(name: string): LossName {
  const n = name.replace('-', '_').toLowerCase();
  if (n === 'ce' || n === 'crossentropy' || n === 'cross_entropy') return 'cross_entropy';
  if (n === 'mse') return 'mse';
  throw new Error(`Unknown loss '${name}': use cross_entropy or mse.`);
}
