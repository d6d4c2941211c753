/**
 * Float64 Cholesky factorisation and triangular solves on row-major `Float64Array`s.
 *
 * TensorFlow.js has no float64 and no Cholesky (shared/docs/substrate.md), yet the
 * regularised least-squares solve of the realisation (paper eqs. 6-7) needs the small
 * symmetric positive-definite system solved accurately. These matrices are at most a
 * few thousand wide, so plain JavaScript in float64 is both precise and fast enough.
 */

/** A lower-triangular factor L with M = L L^T, row-major [size x size]. */
export interface CholeskyFactor {
  readonly size: number;
  readonly l: Float64Array;
}

/** Thrown when the matrix is not (numerically) positive definite. */
export class NotPositiveDefiniteError extends Error {
  constructor(readonly pivot: number, readonly value: number) {
    super(`Cholesky factorisation failed at pivot ${pivot} (value ${value.toExponential(3)}): the matrix is not positive definite.`);
    this.name = 'NotPositiveDefiniteError';
  }
}

/**
 * Factorise the symmetric positive-definite matrix `m` (row-major [size x size]; only
 * its lower triangle is read). Dot-product (Cholesky-Crout) order: the inner loop runs
 * along two contiguous rows, which is the cache-friendly order for row-major storage.
 */
export function cholesky(m: Float64Array, size: number): CholeskyFactor {
  if (m.length !== size * size) throw new Error(`cholesky: expected ${size * size} entries, got ${m.length}.`);
  const l = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    const ri = i * size;
    for (let j = 0; j <= i; j++) {
      const rj = j * size;
      let s = m[ri + j];
      for (let k = 0; k < j; k++) s -= l[ri + k] * l[rj + k];
      if (i === j) {
        if (!(s > 0)) throw new NotPositiveDefiniteError(i, s);
        l[ri + i] = Math.sqrt(s);
      } else {
        l[ri + j] = s / l[rj + j];
      }
    }
  }
  return { size, l };
}

/**
 * Solve M X = B for X given the factor of M; `b` is row-major [size x cols].
 * Forward substitution with L, then back substitution with L^T; returns a new array.
 */
export function choleskySolve(f: CholeskyFactor, b: Float64Array, cols: number): Float64Array {
  const { size: n, l } = f;
  if (b.length !== n * cols) throw new Error(`choleskySolve: expected ${n * cols} entries, got ${b.length}.`);
  const x = Float64Array.from(b);
  // L Y = B: row i of Y depends on rows < i.
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    const xi = i * cols;
    for (let k = 0; k < i; k++) {
      const lik = l[ri + k];
      if (lik === 0) continue;
      const xk = k * cols;
      for (let c = 0; c < cols; c++) x[xi + c] -= lik * x[xk + c];
    }
    const d = 1 / l[ri + i];
    for (let c = 0; c < cols; c++) x[xi + c] *= d;
  }
  // L^T X = Y: row i of X depends on rows > i; L^T[i][k] = L[k][i].
  for (let i = n - 1; i >= 0; i--) {
    const xi = i * cols;
    for (let k = i + 1; k < n; k++) {
      const lki = l[k * n + i];
      if (lki === 0) continue;
      const xk = k * cols;
      for (let c = 0; c < cols; c++) x[xi + c] -= lki * x[xk + c];
    }
    const d = 1 / l[i * n + i];
    for (let c = 0; c < cols; c++) x[xi + c] *= d;
  }
  return x;
}
