/**
 * Shared machinery of the recurrent layers (paper sec. 5): the Elman time loop as one
 * differentiable op with hand-written backpropagation through time, cheap per-step
 * views of time-major tensors, the derivative of an activation from its output, and
 * the orthogonal initialiser.
 *
 * Why one op: a time step is a few small ops ([batch, units] products), so their cost
 * is per-op overhead, ~3 us each, but ~24 us each when tf.grad records them on its tape
 * (shared/docs/substrate.md), and the taped backward adds several more per op. Inside a
 * `tf.customGrad` forward nothing is taped; the backward below runs three ops per step.
 * Measured (bench/rnn.bench.ts, 100 x 90 steps x 43 units): about 3x faster than the taped
 * per-step loop, forward and backward together.
 */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../util/rng.js';
import { activate, DEFAULT_LEAKY_ALPHA, type Activation } from './activations.js';

/**
 * f'(z) written in terms of the output y = f(z), for the backward pass (the sums are
 * not needed then). Null for `linear`, whose derivative is 1.
 */
export function derivativeFromOutput(act: Activation, y: tf.Tensor): tf.Tensor | null {
  switch (act.name) {
    case 'tanh':
      return tf.sub(1, tf.square(y));
    case 'sigmoid':
      return tf.mul(y, tf.sub(1, y));
    case 'relu':
      return tf.step(y, 0);
    case 'leaky_relu':
      // y > 0 exactly where z > 0 (alpha > 0), so the output decides the slope.
      return tf.step(y, act.alpha ?? DEFAULT_LEAKY_ALPHA);
    case 'linear':
      return null;
  }
}


/**
 * The Elman recurrence over all steps as one op differentiable in u and R:
 *
 *     z_t = u_t + f(z_{t-1}) R,   f(z_{-1}) = h_{-1} = 0
 *
 * It returns the sums z_t only: the states are f(Z), applied by the caller in one op
 * (the preact a target-space layer needs then costs nothing, and a custom op has a
 * single output, so returning both would mean packing and slicing big tensors).
 * @param u the input sums x_t Wx + b of every step, time-major [steps, batch, units]
 *   (time-major so that each step's slice is contiguous)
 * @param r the recurrent weights R [units, units]
 * @returns the sums Z, batch-major [batch, steps, units]
 */
export function elmanScan(u: tf.Tensor3D, r: tf.Tensor2D, act: Activation): tf.Tensor3D {
  const [steps, batch, units] = u.shape;
  if (steps < 1) throw new Error('rnn: sequences need at least one step.');
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [uIn, rIn, save] = args as [tf.Tensor3D, tf.Tensor2D, tf.GradSaveFunc];
    const us = tf.unstack(uIn);
    const zs: tf.Tensor[] = [];
    // The state entering each step: h_{t-1}, from h_{-1} = 0 (kept for the backward pass).
    const hs: tf.Tensor[] = [tf.zeros([batch, units])];
    for (let t = 0; t < steps; t++) {
      const z: tf.Tensor = t > 0 ? tf.add(us[t], tf.matMul(hs[t] as tf.Tensor2D, rIn)) : us[t];
      zs.push(z);
      if (t < steps - 1) hs.push(activate(act, z));
    }
    save([tf.stack(hs), rIn]);
    return {
      value: tf.transpose(tf.stack(zs), [1, 0, 2]) as tf.Tensor3D,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => elmanBackward(dy as tf.Tensor3D, saved[0] as tf.Tensor3D, saved[1] as tf.Tensor2D, act),
    };
  });
  return op(u, r) as tf.Tensor3D;
}

/**
 * Backpropagation through time for {@link elmanScan}. With the upstream gradient dZ
 * and D_t = f'(z_t) (from the state h_t, which enters step t + 1):
 *   dz_t = dZ_t + (dz_{t+1} R^T) D_t,   du_t = dz_t,   dR = sum_t h_{t-1}^T dz_t
 * the last in one product over all steps (h_{-1} = 0 adds nothing).
 * @param hIn the states entering each step, h_{t-1}, time-major [steps, batch, units]
 */
function elmanBackward(dy: tf.Tensor3D, hIn: tf.Tensor3D, r: tf.Tensor2D, act: Activation): tf.Tensor[] {
  const [steps, batch, units] = hIn.shape;
  const dZ = tf.unstack(tf.transpose(dy, [1, 0, 2]));
  const d = derivativeFromOutput(act, hIn);
  const ds = d ? tf.unstack(d) : null; // ds[t + 1] = f'(z_t)
  const rT = tf.transpose(r); // explicit: wasm's transposed matMul is a slow scalar loop
  const dz: tf.Tensor[] = new Array(steps);
  let carry: tf.Tensor | null = null;
  for (let t = steps - 1; t >= 0; t--) {
    dz[t] = carry ? tf.add(dZ[t], ds ? tf.mul(carry, ds[t + 1]) : carry) : dZ[t];
    if (t > 0) carry = tf.matMul(dz[t] as tf.Tensor2D, rT);
  }
  const du = tf.stack(dz);
  const rows = steps * batch;
  const dr = tf.matMul(tf.transpose(tf.reshape(hIn, [rows, units])), tf.reshape(du, [rows, units]) as tf.Tensor2D);
  return [du, dr];
}

/**
 * A random matrix with orthonormal columns (rows >= cols) or rows (rows < cols): the
 * Q of a QR factorisation of a standard normal matrix with R's diagonal positive, which
 * makes Q uniformly distributed (Saxe et al. 2014; Keras's `Orthogonal`). Float64
 * Gram-Schmidt in JS (whose R has a positive diagonal by construction), seeded by our
 * own generator, so it is the same on every backend.
 */
export function orthogonal(rows: number, cols: number, seed: number, gain = 1): tf.Tensor2D {
  const n = Math.max(rows, cols);
  const m = Math.min(rows, cols);
  const rng = new Rng(seed);
  // q[j] is column j of an [n x m] matrix.
  const q = Array.from({ length: m }, () => Float64Array.from({ length: n }, () => rng.normal()));
  for (let j = 0; j < m; j++) {
    const v = q[j];
    // Twice: one pass of modified Gram-Schmidt loses orthogonality for ill-conditioned inputs.
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += q[k][i] * v[i];
        for (let i = 0; i < n; i++) v[i] -= dot * q[k][i];
      }
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += v[i] * v[i];
    norm = Math.sqrt(norm);
    for (let i = 0; i < n; i++) v[i] /= norm;
  }
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      // Column j of Q becomes column j (tall) or row j (wide) of the result.
      if (rows >= cols) out[i * cols + j] = gain * q[j][i];
      else out[j * cols + i] = gain * q[j][i];
    }
  }
  return tf.tensor2d(out, [rows, cols]);
}
