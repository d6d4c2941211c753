/**
 * Small float64 matrix products on row-major arrays, for the precise path of the
 * least-squares solve (used only when the Gram matrix is cheap; big Grams go through
 * TensorFlow.js's fast float32 matMul instead, see ridge_solve.ts).
 */

type Matrix = ArrayLike<number>;

/** A^T A + lambda I for A row-major [rows x cols]; returns [cols x cols]. */
export function gramColumns(a: Matrix, rows: number, cols: number, lambda: number): Float64Array {
  const m = new Float64Array(cols * cols);
  // Accumulate rank-one updates row by row: contiguous access to A and to M's rows.
  const row = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let j = 0; j < cols; j++) row[j] = a[base + j];
    for (let i = 0; i < cols; i++) {
      const ai = row[i];
      if (ai === 0) continue;
      const mi = i * cols;
      for (let j = 0; j <= i; j++) m[mi + j] += ai * row[j];
    }
  }
  symmetrise(m, cols, lambda);
  return m;
}

/** A A^T + lambda I for A row-major [rows x cols]; returns [rows x rows]. */
export function gramRows(a: Matrix, rows: number, cols: number, lambda: number): Float64Array {
  const m = new Float64Array(rows * rows);
  const a64 = Float64Array.from(a as ArrayLike<number>);
  for (let i = 0; i < rows; i++) {
    const ai = i * cols;
    for (let j = 0; j <= i; j++) {
      const aj = j * cols;
      let s = 0;
      for (let k = 0; k < cols; k++) s += a64[ai + k] * a64[aj + k];
      m[i * rows + j] = s;
    }
  }
  symmetrise(m, rows, lambda);
  return m;
}

/** Copy the lower triangle to the upper and add lambda to the diagonal. */
function symmetrise(m: Float64Array, n: number, lambda: number): void {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) m[j * n + i] = m[i * n + j];
    m[i * n + i] += lambda;
  }
}

/** A^T B for A [rows x ca], B [rows x cb]; returns [ca x cb]. */
export function transposeTimes(a: Matrix, b: Matrix, rows: number, ca: number, cb: number): Float64Array {
  const out = new Float64Array(ca * cb);
  for (let r = 0; r < rows; r++) {
    const ar = r * ca;
    const br = r * cb;
    for (let i = 0; i < ca; i++) {
      const v = a[ar + i];
      if (v === 0) continue;
      const oi = i * cb;
      for (let j = 0; j < cb; j++) out[oi + j] += v * b[br + j];
    }
  }
  return out;
}

/** A B for A [rows x inner], B [inner x cols]; returns [rows x cols]. */
export function times(a: Matrix, b: Matrix, rows: number, inner: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const oi = i * cols;
    for (let k = 0; k < inner; k++) {
      const v = a[i * inner + k];
      if (v === 0) continue;
      const bk = k * cols;
      for (let j = 0; j < cols; j++) out[oi + j] += v * b[bk + j];
    }
  }
  return out;
}

/** True when every entry is finite. */
export function allFinite(a: ArrayLike<number>): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
}
