/**
 * Float64 plain-JS references for the recurrent layers (independent of src/nn), and
 * taped tfjs loops used as gradient references for the hand-written BPTT ops.
 */
import * as tf from '@tensorflow/tfjs';
import { bitTask } from '../../src/data/bits.js';

export type Fn = (z: number) => number;

export const F64: Record<string, Fn> = {
  tanh: Math.tanh,
  sigmoid: (z) => 1 / (1 + Math.exp(-z)),
  relu: (z) => Math.max(0, z),
  linear: (z) => z,
};

/** Elman forward in float64: x [B,S,D], kernel [D,U], recurrent [U,U], bias [U]; returns h and z [B,S,U]. */
export function elman64(x: ArrayLike<number>, dims: [number, number, number], kernel: ArrayLike<number>, recurrent: ArrayLike<number>, bias: ArrayLike<number>, units: number, f: Fn) {
  const [b, s, d] = dims;
  const h = new Float64Array(b * s * units);
  const z = new Float64Array(b * s * units);
  for (let n = 0; n < b; n++) {
    for (let t = 0; t < s; t++) {
      for (let j = 0; j < units; j++) {
        let sum = bias[j];
        for (let k = 0; k < d; k++) sum += x[(n * s + t) * d + k] * kernel[k * units + j];
        if (t > 0) for (let k = 0; k < units; k++) sum += h[(n * s + t - 1) * units + k] * recurrent[k * units + j];
        z[(n * s + t) * units + j] = sum;
      }
      for (let j = 0; j < units; j++) h[(n * s + t) * units + j] = f(z[(n * s + t) * units + j]);
    }
  }
  return { h, z };
}

/** LSTM forward in float64, gates [i, f, g, o]: kernel [D,4U], recurrent [U,4U], bias [4U]; returns h [B,S,U]. */
export function lstm64(x: ArrayLike<number>, dims: [number, number, number], kernel: ArrayLike<number>, recurrent: ArrayLike<number>, bias: ArrayLike<number>, units: number): Float64Array {
  const [b, s, d] = dims;
  const w = 4 * units;
  const sig = F64.sigmoid;
  const h = new Float64Array(b * s * units);
  for (let n = 0; n < b; n++) {
    const c = new Float64Array(units);
    const hp = new Float64Array(units);
    for (let t = 0; t < s; t++) {
      const z = new Float64Array(w);
      for (let j = 0; j < w; j++) {
        let sum = bias[j];
        for (let k = 0; k < d; k++) sum += x[(n * s + t) * d + k] * kernel[k * w + j];
        for (let k = 0; k < units; k++) sum += hp[k] * recurrent[k * w + j];
        z[j] = sum;
      }
      for (let j = 0; j < units; j++) {
        const i = sig(z[j]), f = sig(z[units + j]), g = Math.tanh(z[2 * units + j]), o = sig(z[3 * units + j]);
        c[j] = f * c[j] + i * g;
        hp[j] = o * Math.tanh(c[j]);
        h[(n * s + t) * units + j] = hp[j];
      }
    }
  }
  return h;
}

/** A taped per-step Elman loop (tfjs autodiff): the gradient reference. Returns h and z [B,S,U]. */
export function elmanTaped(x: tf.Tensor3D, kernel: tf.Tensor2D, recurrent: tf.Tensor2D, bias: tf.Tensor1D, f: (z: tf.Tensor) => tf.Tensor) {
  const [b, s] = x.shape;
  const units = kernel.shape[1];
  const hs: tf.Tensor[] = [];
  const zs: tf.Tensor[] = [];
  let h = tf.zeros([b, units]);
  for (let t = 0; t < s; t++) {
    const xt = tf.reshape(tf.slice(x, [0, t, 0], [b, 1, -1]), [b, -1]) as tf.Tensor2D;
    const z = tf.add(tf.add(tf.matMul(xt, kernel), tf.matMul(h as tf.Tensor2D, recurrent)), bias);
    h = f(z);
    hs.push(h);
    zs.push(z);
  }
  return { h: tf.stack(hs, 1), z: tf.stack(zs, 1) };
}

/** A taped per-step LSTM loop (tfjs autodiff), gates [i, f, g, o]: the gradient reference. Returns h [B,S,U]. */
export function lstmTaped(x: tf.Tensor3D, kernel: tf.Tensor2D, recurrent: tf.Tensor2D, bias: tf.Tensor1D): tf.Tensor {
  const [b, s] = x.shape;
  const units = recurrent.shape[0];
  const hs: tf.Tensor[] = [];
  let h = tf.zeros([b, units]);
  let c = tf.zeros([b, units]);
  for (let t = 0; t < s; t++) {
    const xt = tf.reshape(tf.slice(x, [0, t, 0], [b, 1, -1]), [b, -1]) as tf.Tensor2D;
    const z = tf.add(tf.add(tf.matMul(xt, kernel), tf.matMul(h as tf.Tensor2D, recurrent)), bias);
    const [zi, zf, zg, zo] = tf.split(z, 4, 1);
    c = tf.add(tf.mul(tf.sigmoid(zf), c), tf.mul(tf.sigmoid(zi), tf.tanh(zg)));
    h = tf.mul(tf.sigmoid(zo), tf.tanh(c));
    hs.push(h);
  }
  return tf.stack(hs, 1);
}

/** Largest |a - b| relative to the largest |b| (and at least 1e-12). */
export function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  let m = 1e-12;
  for (let i = 0; i < b.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    m = Math.max(m, Math.abs(b[i]));
  }
  return d / m;
}

/** The d = 3 delayed-recall bit task (E3) as tensors; length defaults to d + 50. */
export function recallData(count: number, seed: number, length?: number) {
  const d = bitTask({ task: 'recall', delay: 3, count, seed, length });
  return { x: tf.tensor3d(d.x, [count, d.length, 1]), y: tf.tensor2d(d.y, [count, d.length], 'int32'), mask: tf.tensor2d(d.mask, [count, d.length]) };
}
