/**
 * The regularised least-squares op of target space (paper sec. 2.4, eqs. 6-7):
 *
 *     W = argmin_W ||A W - T||^2 + lambda ||W||^2
 *       = (A^T A + lambda I)^-1 A^T T        primal form, M = A^T A + lambda I  [d x d]
 *       = A^T (A A^T + lambda I)^-1 T        dual form,   K = A A^T + lambda I  [n x n]
 *
 * One differentiable op (a `tf.customGrad`) so the loss can be differentiated through
 * the solve back to both A (earlier layers' outputs on X̄) and T (this layer's targets).
 * The SPD factorisation and solves run in float64 JavaScript (tfjs has neither float64
 * nor Cholesky); the factor is kept from the forward pass for the backward pass.
 *
 * The Gram matrix itself is formed in float64 too when that is cheap, and otherwise by
 * TensorFlow.js's fast float32 matMul: a float32 Gram is accurate for the lambdas used in
 * practice (1e-3 .. 0.1 relative to unit-scale data) but not for lambda -> 0 on
 * rank-deficient A, where float32 rounding in the null space is divided by lambda.
 */
import * as tf from '@tensorflow/tfjs';
import { cholesky, choleskySolve, NotPositiveDefiniteError, type CholeskyFactor } from './cholesky.js';
import { allFinite, gramColumns, gramRows, transposeTimes } from './dense64.js';

/** Which normal equations to factorise: `primal` (d x d) or `dual` (n x n). */
export type RidgeForm = 'auto' | 'primal' | 'dual';

/** How the Gram matrix is formed: in float64 JS, in float32 tfjs, or by cost (`auto`). */
export type GramPrecision = 'auto' | 'float64' | 'float32';

export interface RidgeOptions {
  /** Default `auto`: primal when rows >= columns (tall A), dual otherwise. */
  form?: RidgeForm;
  /** Default `auto`: float64 when the Gram costs at most {@link FLOAT64_GRAM_BUDGET} multiply-adds. */
  gram?: GramPrecision;
}

/**
 * Multiply-adds (rows x cols x system size) up to which `auto` forms the Gram in float64
 * JS: about 3 ms here. Above it the float32 wasm matMul is 10-50x faster (bench/ridge_solve.bench.ts).
 */
export const FLOAT64_GRAM_BUDGET = 1 << 20;

/**
 * Solve the regularised least-squares problem for W, differentiably in A and T.
 * @param a design matrix A [n x d] (rows: X̄ samples or patches; a bias column, if any, included)
 * @param t targets T [n x k]
 * @param lambda regularisation strength >= 0 (paper: 0.001 MLP/RNN, 0.1 CNN)
 * @returns W [d x k]
 */
export function ridgeSolve(a: tf.Tensor2D, t: tf.Tensor2D, lambda: number, options: RidgeOptions = {}): tf.Tensor2D {
  validate(a, t, lambda);
  const [n, d] = a.shape;
  const form = options.form === undefined || options.form === 'auto' ? (n >= d ? 'primal' : 'dual') : options.form;
  const size = form === 'primal' ? d : n;
  const gram = options.gram ?? 'auto';
  const precise = gram === 'float64' || (gram === 'auto' && n * d * size <= FLOAT64_GRAM_BUDGET);
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [A, T, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
    const solved = form === 'primal' ? solvePrimal(A, T, lambda, precise) : solveDual(A, T, lambda, precise);
    save([A, T, solved.w]);
    return {
      value: solved.w,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sa, st, sw] = saved as tf.Tensor2D[];
        return form === 'primal'
          ? backwardPrimal(sa, st, sw, dy as tf.Tensor2D, solved.factor)
          : backwardDual(sa, sw, dy as tf.Tensor2D, solved.factor, solved.p!);
      },
    };
  });
  return op(a, t) as tf.Tensor2D;
}

function validate(a: tf.Tensor, t: tf.Tensor, lambda: number): void {
  if (a.rank !== 2 || t.rank !== 2) {
    throw new Error(`ridgeSolve: A and T must be matrices, got A of shape [${a.shape}] and T of shape [${t.shape}].`);
  }
  if (a.shape[0] !== t.shape[0]) {
    throw new Error(`ridgeSolve: A [${a.shape}] and T [${t.shape}] must have the same number of rows (one per X̄ sample/patch).`);
  }
  if (a.shape[0] === 0 || a.shape[1] === 0 || t.shape[1] === 0) {
    throw new Error(`ridgeSolve: empty matrix (A [${a.shape}], T [${t.shape}]).`);
  }
  if (!Number.isFinite(lambda) || lambda < 0) {
    throw new Error(`ridgeSolve: lambda must be a finite number >= 0, got ${lambda}.`);
  }
}

interface Solved {
  w: tf.Tensor2D;
  factor: CholeskyFactor;
  /** Dual form only: P = K^-1 T [n x k] (float64, kept in JS so nothing leaks when no gradient is taken), W = A^T P. */
  p?: Float64Array;
}

/** Cholesky of the system matrix, or null when it is not (numerically) positive definite. */
function tryCholesky(m: Float64Array, size: number): CholeskyFactor | null {
  if (!allFinite(m)) throw new Error('ridgeSolve: A contains NaN or Inf values (check the layer inputs on X̄ and the learning rate).');
  try {
    return cholesky(m, size);
  } catch (e) {
    if (e instanceof NotPositiveDefiniteError) return null;
    throw e;
  }
}

function singular(form: string, size: number, lambda: number): Error {
  return new Error(
    lambda > 0
      ? `ridgeSolve: the ${form} system (${size} x ${size}) is numerically singular with lambda = ${lambda}: A is (nearly) rank-deficient. Raise lambda (e.g. 0.01).`
      : `ridgeSolve: the ${form} system (${size} x ${size}) is singular with lambda = 0: A is rank-deficient. Use lambda > 0 (e.g. 0.001).`,
  );
}

function checkTargets(b: ArrayLike<number>): void {
  if (!allFinite(b)) throw new Error('ridgeSolve: T contains NaN or Inf values (the targets diverged: lower the learning rate).');
}

/*
 * A float32 Gram carries rounding of about 1e-7 times its largest entries (times the
 * square root of the row count), which for a nearly singular A can exceed a small lambda
 * and make the system indefinite. Then the Gram (and A^T T) is formed again in float64
 * before the system is declared singular.
 */

function solvePrimal(a: tf.Tensor2D, t: tf.Tensor2D, lambda: number, precise: boolean): Solved {
  const [n, d] = a.shape;
  const k = t.shape[1];
  const inFloat64 = () => {
    const ad = a.dataSync();
    const td = t.dataSync();
    checkTargets(td);
    return { m: gramColumns(ad, n, d, lambda), atb: transposeTimes(ad, td, n, d, k) };
  };
  let system: { m: Float64Array; atb: Float64Array };
  if (precise) {
    system = inFloat64();
  } else {
    const [mt, bt] = tf.tidy(() => {
      const at = tf.transpose(a);
      return [tf.matMul(at, a), tf.matMul(at, t)];
    });
    system = { m: Float64Array.from(mt.dataSync()), atb: Float64Array.from(bt.dataSync()) };
    tf.dispose([mt, bt]);
    checkTargets(system.atb);
    for (let i = 0; i < d; i++) system.m[i * d + i] += lambda;
  }
  let factor = tryCholesky(system.m, d);
  if (!factor && !precise) {
    system = inFloat64();
    factor = tryCholesky(system.m, d);
  }
  if (!factor) throw singular('primal', d, lambda);
  const w = upload(choleskySolve(factor, system.atb, k), [d, k]);
  return { w, factor };
}

function solveDual(a: tf.Tensor2D, t: tf.Tensor2D, lambda: number, precise: boolean): Solved {
  const [n, d] = a.shape;
  const k = t.shape[1];
  const td = t.dataSync();
  checkTargets(td);
  let factor: CholeskyFactor | null = null;
  if (!precise) {
    const gt = tf.tidy(() => tf.matMul(a, tf.transpose(a)));
    const kmat = Float64Array.from(gt.dataSync());
    gt.dispose();
    for (let i = 0; i < n; i++) kmat[i * n + i] += lambda;
    factor = tryCholesky(kmat, n);
  }
  factor ??= tryCholesky(gramRows(a.dataSync(), n, d, lambda), n);
  if (!factor) throw singular('dual', n, lambda);
  const pData = choleskySolve(factor, Float64Array.from(td), k);
  let w: tf.Tensor2D;
  if (precise) {
    w = upload(transposeTimes(a.dataSync(), pData, n, d, k), [d, k]);
  } else {
    w = tf.tidy(() => tf.matMul(tf.transpose(a), upload(pData, [n, k])));
  }
  return { w, factor, p: pData };
}

/** tfjs takes no Float64Array (it would not cast it): round to float32 explicitly. */
function upload(x: Float64Array, shape: [number, number]): tf.Tensor2D {
  return tf.tensor2d(Float32Array.from(x), shape, 'float32');
}

/** Download a small tensor, solve with the kept factor, upload: M^-1 X. */
function solveWith(factor: CholeskyFactor, x: tf.Tensor2D): tf.Tensor2D {
  const cols = x.shape[1];
  return upload(choleskySolve(factor, Float64Array.from(x.dataSync()), cols), [factor.size, cols]);
}

/**
 * Primal backward, G = M^-1 dW:  dT = A G;  dA = (T - A W) G^T - A G W^T.
 * Products use explicit transposes of the small factors so every matMul is untransposed.
 */
function backwardPrimal(a: tf.Tensor2D, t: tf.Tensor2D, w: tf.Tensor2D, dw: tf.Tensor2D, factor: CholeskyFactor): tf.Tensor[] {
  return tf.tidy(() => {
    const g = solveWith(factor, dw);
    const dt = tf.matMul(a, g);
    const residual = tf.sub(t, tf.matMul(a, w));
    const da = tf.sub(tf.matMul(residual, tf.transpose(g)), tf.matMul(dt, tf.transpose(w)));
    return [da, dt];
  });
}

/**
 * Dual backward, P = K^-1 T, Q = K^-1 A dW:  dT = Q;  dA = P (dW^T - Q^T A) - Q W^T.
 */
function backwardDual(a: tf.Tensor2D, w: tf.Tensor2D, dw: tf.Tensor2D, factor: CholeskyFactor, pData: Float64Array): tf.Tensor[] {
  return tf.tidy(() => {
    const p = upload(pData, [a.shape[0], w.shape[1]]);
    const q = solveWith(factor, tf.matMul(a, dw));
    const inner = tf.sub(tf.transpose(dw), tf.matMul(tf.transpose(q), a));
    const da = tf.sub(tf.matMul(p, inner), tf.matMul(q, tf.transpose(w)));
    return [da, q];
  });
}
