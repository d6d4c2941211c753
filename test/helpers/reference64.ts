/**
 * Float64 references for tests, written independently of src/linalg: Gaussian
 * elimination with partial pivoting on the primal normal equations.
 */

/** Solve (A^T A + lambda I) W = A^T T in float64; A [n x d], T [n x k] row-major. */
export function ridgeReference(a: ArrayLike<number>, t: ArrayLike<number>, n: number, d: number, k: number, lambda: number): Float64Array {
  const m: number[][] = [];
  for (let i = 0; i < d; i++) {
    const row = new Array<number>(d + k).fill(0);
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let r = 0; r < n; r++) s += a[r * d + i] * a[r * d + j];
      row[j] = s + (i === j ? lambda : 0);
    }
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let r = 0; r < n; r++) s += a[r * d + i] * t[r * k + c];
      row[d + c] = s;
    }
    m.push(row);
  }
  for (let col = 0; col < d; col++) {
    let piv = col;
    for (let r = col + 1; r < d; r++) if (Math.abs(m[r][col]) > Math.abs(m[piv][col])) piv = r;
    [m[col], m[piv]] = [m[piv], m[col]];
    for (let r = 0; r < d; r++) {
      if (r === col) continue;
      const f = m[r][col] / m[col][col];
      if (f === 0) continue;
      for (let c = col; c < d + k; c++) m[r][c] -= f * m[col][c];
    }
  }
  const w = new Float64Array(d * k);
  for (let i = 0; i < d; i++) for (let c = 0; c < k; c++) w[i * k + c] = m[i][d + c] / m[i][i];
  return w;
}

/** ||x - y|| / ||y|| (Frobenius). */
export function relativeError(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < y.length; i++) {
    num += (x[i] - y[i]) ** 2;
    den += y[i] ** 2;
  }
  return Math.sqrt(num / Math.max(den, 1e-300));
}

/**
 * Central finite differences of a scalar float64 function at x, step h per entry.
 */
export function finiteDifferences(f: (x: Float64Array) => number, x: ArrayLike<number>, h = 1e-5): Float64Array {
  const xs = Float64Array.from(x);
  const g = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i];
    xs[i] = v + h;
    const up = f(xs);
    xs[i] = v - h;
    const down = f(xs);
    xs[i] = v;
    g[i] = (up - down) / (2 * h);
  }
  return g;
}

/** Deterministic pseudo-random numbers for fixtures (mulberry32). */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let r = Math.imul(s ^ (s >>> 15), 1 | s);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

/** A matrix of standard-normal-ish entries rounded to float32, row-major. */
export function randomMatrix(rows: number, cols: number, seed: number): Float32Array {
  const rnd = seededRandom(seed);
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < out.length; i++) out[i] = Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
  return out;
}

/** A rank-r matrix B C (B [rows x r], C [r x cols]) rounded to float32. */
export function lowRankMatrix(rows: number, cols: number, rank: number, seed: number): Float32Array {
  const b = randomMatrix(rows, rank, seed);
  const c = randomMatrix(rank, cols, seed + 1);
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) {
    let s = 0;
    for (let q = 0; q < rank; q++) s += b[i * rank + q] * c[q * cols + j];
    out[i * cols + j] = s;
  }
  return out;
}
