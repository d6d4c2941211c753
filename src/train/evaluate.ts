/**
 * Evaluation of a model on a data set in chunks (bounded memory), with one realisation.
 */
import * as tf from '@tensorflow/tfjs';
import { forward } from '../nn/network.js';
import { accuracy, lossValue, type LossName } from './losses.js';
import type { Model } from './model.js';
import type { NetParams } from '../nn/layer.js';

/** A labelled data set held as tensors: inputs [n, ...], int32 labels [n] or [n, steps], optional mask. */
export interface Dataset {
  x: tf.Tensor;
  y: tf.Tensor;
  mask?: tf.Tensor;
}

export interface Evaluation {
  loss: number;
  accuracy: number;
}

/**
 * Mean loss and accuracy over the whole set (weighted by counted positions).
 * @param frozen the model's weights if already realised (saves a realisation per set)
 */
export function evaluate(model: Model, data: Dataset, loss: LossName, chunk = 1000, frozen?: NetParams): Evaluation {
  const n = data.x.shape[0];
  let lossSum = 0;
  let accSum = 0;
  let weightSum = 0;
  const weights = frozen ?? model.freeze();
  try {
    for (let s = 0; s < n; s += chunk) {
      const size = Math.min(chunk, n - s);
      const [l, a, w] = tf.tidy(() => {
        const sl = (t: tf.Tensor) => tf.slice(t, s, size);
        const mask = data.mask ? sl(data.mask) : undefined;
        const logits = forward(model.net, weights, sl(data.x));
        const y = sl(data.y);
        const count = mask ? tf.sum(mask) : tf.scalar(y.size);
        return [lossValue(loss, logits, y, mask), accuracy(logits, y, mask), count];
      });
      const wv = w.dataSync()[0];
      lossSum += l.dataSync()[0] * wv;
      accSum += a.dataSync()[0] * wv;
      weightSum += wv;
      tf.dispose([l, a, w]);
    }
  } finally {
    if (!frozen) tf.dispose(weights.flatMap((p) => Object.values(p)));
  }
  return { loss: lossSum / Math.max(weightSum, 1e-12), accuracy: accSum / Math.max(weightSum, 1e-12) };
}
