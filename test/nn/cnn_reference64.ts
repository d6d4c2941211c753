/**
 * A float64 reference of a small CNN's realisation (paper sec. 2.4, SCU), written from
 * the definitions and independently of src/nn: its own TF padding rule, im2col, max-pool
 * and dense design, with the Gaussian-elimination ridge solve of test/helpers. Used to
 * check the realisation's forward values and its gradient w.r.t. the targets (central
 * differences).
 */
import { ridgeReference } from '../helpers/reference64.js';

/** An NHWC batch in float64. */
export interface Images {
  data: Float64Array;
  n: number;
  h: number;
  w: number;
  c: number;
}

export type Step64 =
  | { kind: 'conv'; filters: number; k: number; stride: number; padding: 'same' | 'valid'; act: 'leaky' | 'tanh' | 'linear' }
  | { kind: 'maxpool'; size: number }
  | { kind: 'flatten' }
  | { kind: 'dense'; units: number; act: 'leaky' | 'tanh' | 'linear' };

function outAndPad(size: number, k: number, s: number, padding: 'same' | 'valid'): [number, number] {
  if (padding === 'valid') return [Math.floor((size - k) / s) + 1, 0];
  const out = Math.ceil(size / s);
  return [out, Math.floor(Math.max((out - 1) * s + k - size, 0) / 2)];
}

/** im2col with a trailing ones column: [n*ho*wo, k*k*c + 1], columns (ki, kj, c). */
export function im2col64(x: Images, k: number, s: number, padding: 'same' | 'valid'): { a: Float64Array; rows: number; cols: number; ho: number; wo: number } {
  const [ho, top] = outAndPad(x.h, k, s, padding);
  const [wo, left] = outAndPad(x.w, k, s, padding);
  const cols = k * k * x.c + 1;
  const rows = x.n * ho * wo;
  const a = new Float64Array(rows * cols);
  for (let b = 0; b < x.n; b++) for (let oy = 0; oy < ho; oy++) for (let ox = 0; ox < wo; ox++) {
    const r = (b * ho + oy) * wo + ox;
    for (let ki = 0; ki < k; ki++) for (let kj = 0; kj < k; kj++) for (let ch = 0; ch < x.c; ch++) {
      const y = oy * s + ki - top;
      const xx = ox * s + kj - left;
      const inside = y >= 0 && y < x.h && xx >= 0 && xx < x.w;
      a[r * cols + (ki * k + kj) * x.c + ch] = inside ? x.data[((b * x.h + y) * x.w + xx) * x.c + ch] : 0;
    }
    a[r * cols + cols - 1] = 1;
  }
  return { a, rows, cols, ho, wo };
}

function act(name: 'leaky' | 'tanh' | 'linear', v: number): number {
  if (name === 'leaky') return v >= 0 ? v : 0.2 * v;
  return name === 'tanh' ? Math.tanh(v) : v;
}

function matmul(a: Float64Array, b: Float64Array, n: number, d: number, k: number): Float64Array {
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let q = 0; q < d; q++) {
    const v = a[i * d + q];
    for (let j = 0; j < k; j++) out[i * k + j] += v * b[q * k + j];
  }
  return out;
}

function maxpool(x: Images, size: number): Images {
  const h = Math.floor(x.h / size);
  const w = Math.floor(x.w / size);
  const data = new Float64Array(x.n * h * w * x.c);
  for (let b = 0; b < x.n; b++) for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) for (let ch = 0; ch < x.c; ch++) {
    let m = -Infinity;
    for (let u = 0; u < size; u++) for (let v = 0; v < size; v++) m = Math.max(m, x.data[((b * x.h + i * size + u) * x.w + j * size + v) * x.c + ch]);
    data[((b * h + i) * w + j) * x.c + ch] = m;
  }
  return { data, n: x.n, h, w, c: x.c };
}

/**
 * SCU realisation: per linear step, W = ridge(design(stream), T) [(fan-in + 1) x units]
 * (bias row last), then stream = f(design W). Targets are flat row-major, one per linear step.
 */
export function realise64(steps: Step64[], targets: Float64Array[], xbar: Images, lambda: number): Float64Array[] {
  let x = xbar;
  const weights: Float64Array[] = [];
  for (const st of steps) {
    if (st.kind === 'maxpool') {
      x = maxpool(x, st.size);
      continue;
    }
    if (st.kind === 'flatten') {
      x = { ...x, h: 1, w: 1, c: x.h * x.w * x.c };
      continue;
    }
    const t = targets[weights.length];
    let a: Float64Array;
    let rows: number;
    let cols: number;
    let shape: [number, number];
    if (st.kind === 'conv') {
      const p = im2col64(x, st.k, st.stride, st.padding);
      ({ a, rows, cols } = p);
      shape = [p.ho, p.wo];
    } else {
      rows = x.n;
      cols = x.h * x.w * x.c + 1;
      a = new Float64Array(rows * cols);
      for (let r = 0; r < rows; r++) {
        a.set(x.data.subarray(r * (cols - 1), (r + 1) * (cols - 1)), r * cols);
        a[r * cols + cols - 1] = 1;
      }
      shape = [1, 1];
    }
    const units = st.kind === 'conv' ? st.filters : st.units;
    const w = ridgeReference(a, t, rows, cols, units, lambda);
    weights.push(w);
    const z = matmul(a, w, rows, cols, units);
    x = { data: z.map((v) => act(st.act, v)), n: x.n, h: shape[0], w: shape[1], c: units };
  }
  return weights;
}
