/**
 * Our wasm kernel replacements (src/backend/wasm_kernels.ts) against references: the
 * cpu backend (same float32 arithmetic, independent code) or float64 JS loops.
 * test/setup.ts has already selected wasm with the kernels installed.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { afterEach, describe, expect, it } from 'vitest';
import { installWasmKernels, uninstallWasmKernels, wasmKernelsInstalled } from '../../src/backend/wasm_kernels.js';
import { Rng } from '../../src/util/rng.js';
import { onCpu } from '../helpers/backends.js';

function randn(n: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.normal();
  return a;
}

const size = (shape: readonly number[]): number => shape.reduce((p, d) => p * d, 1);

/** Largest |got - want|, relative to max(1, max |want|). */
function relErr(got: ArrayLike<number>, want: ArrayLike<number>): number {
  expect(got.length).toBe(want.length);
  let scale = 1;
  let err = 0;
  for (let i = 0; i < want.length; i++) {
    scale = Math.max(scale, Math.abs(want[i]));
    err = Math.max(err, Math.abs(got[i] - want[i]));
  }
  return err / scale;
}


afterEach(() => {
  expect(tf.getBackend()).toBe('wasm');
});

describe('installation', () => {
  it('is installed by the setup file and idempotent', () => {
    expect(wasmKernelsInstalled()).toBe(true);
    const before = tf.getKernel('BatchMatMul', 'wasm');
    installWasmKernels();
    installWasmKernels();
    expect(tf.getKernel('BatchMatMul', 'wasm')).toBe(before);
    expect(wasmKernelsInstalled()).toBe(true);
  });

  it('can be removed and installed again after the backend is initialised', () => {
    const a = tf.tensor2d(randn(30 * 20, 60), [30, 20]);
    const gram = (): Float32Array => tf.tidy(() => tf.matMul(a, a, true, false).dataSync() as Float32Array);
    const ours = gram();
    uninstallWasmKernels();
    try {
      expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeUndefined();
      expect(relErr(gram(), ours)).toBeLessThan(1e-5); // the original kernel
    } finally {
      installWasmKernels();
    }
    expect(wasmKernelsInstalled()).toBe(true);
    expect(gram()).toEqual(ours);
    a.dispose();
  });
});

/** float64 reference for matMul on [batch, rows, cols] data with batch broadcasting. */
function refMatMul(
  a: Float32Array, aShape: number[], b: Float32Array, bShape: number[], ta: boolean, tb: boolean,
): Float64Array {
  const [ba, ra, ca] = aShape.length === 2 ? [1, ...aShape] : [size(aShape.slice(0, -2)), ...aShape.slice(-2)];
  const [bb, rb, cb] = bShape.length === 2 ? [1, ...bShape] : [size(bShape.slice(0, -2)), ...bShape.slice(-2)];
  const m = ta ? ca : ra;
  const k = ta ? ra : ca;
  const n = tb ? rb : cb;
  const batch = Math.max(ba, bb);
  const out = new Float64Array(batch * m * n);
  for (let p = 0; p < batch; p++) {
    const ao = (ba === 1 ? 0 : p) * ra * ca;
    const bo = (bb === 1 ? 0 : p) * rb * cb;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let q = 0; q < k; q++) {
          const av = ta ? a[ao + q * ca + i] : a[ao + i * ca + q];
          const bv = tb ? b[bo + j * cb + q] : b[bo + q * cb + j];
          s += av * bv;
        }
        out[(p * m + i) * n + j] = s;
      }
    }
  }
  return out;
}

describe('BatchMatMul', () => {
  const cases: Array<[number[], number[], boolean, boolean]> = [];
  for (const ta of [false, true]) {
    for (const tb of [false, true]) {
      cases.push([ta ? [29, 37] : [37, 29], tb ? [23, 29] : [29, 23], ta, tb]); // rank 2
      cases.push([ta ? [3, 29, 37] : [3, 37, 29], tb ? [3, 23, 29] : [3, 29, 23], ta, tb]); // loop
      cases.push([ta ? [5, 6, 4] : [5, 4, 6], tb ? [5, 3, 6] : [5, 6, 3], ta, tb]); // tiny: original
      cases.push([ta ? [2, 3, 29, 37] : [2, 3, 37, 29], tb ? [23, 29] : [29, 23], ta, tb]); // batch x one
      cases.push([ta ? [29, 37] : [37, 29], tb ? [4, 23, 29] : [4, 29, 23], ta, tb]); // one x batch
    }
  }
  it.each(cases)('%j x %j (transposeA %s, transposeB %s) matches float64', (aShape, bShape, ta, tb) => {
    const a = randn(size(aShape), 1);
    const b = randn(size(bShape), 2);
    const got = tf.tidy(() => tf.matMul(tf.tensor(a, aShape), tf.tensor(b, bShape), ta, tb));
    const want = refMatMul(a, aShape, b, bShape, ta, tb);
    const m = ta ? aShape[aShape.length - 1] : aShape[aShape.length - 2];
    const n = tb ? bShape[bShape.length - 2] : bShape[bShape.length - 1];
    const outer = aShape.length >= bShape.length ? aShape.slice(0, -2) : bShape.slice(0, -2);
    expect(got.shape).toEqual([...outer, m, n]);
    expect(relErr(got.dataSync(), want)).toBeLessThan(1e-5);
    got.dispose();
  });

  it('gradients (transposed products) match the cpu backend', async () => {
    const a = randn(40 * 30, 3);
    const b = randn(30 * 20, 4);
    const r = randn(40 * 20, 5);
    const grads = (): Float32Array[] =>
      tf.tidy(() => {
        const f = (x: tf.Tensor, y: tf.Tensor): tf.Tensor => tf.sum(tf.mul(tf.matMul(x, y), tf.tensor(r, [40, 20])));
        return tf.grads(f)([tf.tensor(a, [40, 30]), tf.tensor(b, [30, 20])]).map((g) => g.dataSync() as Float32Array);
      });
    const want = await onCpu(grads);
    const got = grads();
    expect(relErr(got[0], want[0])).toBeLessThan(1e-5);
    expect(relErr(got[1], want[1])).toBeLessThan(1e-5);
  });
});

type Pad = 'same' | 'valid' | number;
interface ConvCase {
  x: [number, number, number, number];
  k: [number, number];
  cout: number;
  stride: number | [number, number];
  pad: Pad;
}

/** dL/dx and dL/dW of L = sum(conv2d(x, W) * r), on the current backend. */
function convGrads(c: ConvCase, seed: number): [Float32Array, Float32Array] {
  return tf.tidy(() => {
    const w = [c.k[0], c.k[1], c.x[3], c.cout] as [number, number, number, number];
    const x = tf.tensor4d(randn(size(c.x), seed), c.x);
    const filter = tf.tensor4d(randn(size(w), seed + 1), w);
    const y = tf.conv2d(x, filter, c.stride, c.pad);
    const r = tf.tensor(randn(y.size, seed + 2), y.shape);
    const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad), r)),
    )([x, filter]);
    return [dx.dataSync() as Float32Array, dw.dataSync() as Float32Array];
  });
}

describe('conv2d gradients (Conv2DBackpropInput, Conv2DBackpropFilter)', () => {
  const cases: ConvCase[] = [];
  for (const stride of [1, 2]) {
    for (const pad of ['same', 'valid'] as const) {
      cases.push({ x: [2, 7, 7, 3], k: [3, 3], cout: 4, stride, pad }); // odd size
      cases.push({ x: [3, 8, 8, 1], k: [3, 3], cout: 2, stride, pad }); // even size, 1 channel
      cases.push({ x: [2, 8, 9, 5], k: [2, 2], cout: 3, stride, pad }); // even filter, rectangular
      cases.push({ x: [1, 10, 6, 2], k: [5, 3], cout: 6, stride, pad }); // tall filter
    }
  }
  cases.push({ x: [2, 9, 8, 3], k: [3, 3], cout: 4, stride: [1, 2], pad: 'same' }); // mixed strides
  cases.push({ x: [2, 9, 8, 3], k: [3, 3], cout: 4, stride: [2, 1], pad: 'valid' });
  cases.push({ x: [2, 7, 7, 3], k: [3, 3], cout: 4, stride: 1, pad: 1 }); // numeric pad
  cases.push({ x: [2, 8, 8, 3], k: [3, 3], cout: 4, stride: 2, pad: 1 });
  cases.push({ x: [2, 7, 7, 3], k: [3, 3], cout: 4, stride: 1, pad: 3 }); // pad > k-1: original
  cases.push({ x: [1, 4, 4, 2], k: [1, 1], cout: 3, stride: 2, pad: 'valid' }); // 1x1 skipping rows

  it.each(cases)('%j matches the cpu backend', async (c) => {
    const want = await onCpu(() => convGrads(c, 10));
    const got = convGrads(c, 10);
    expect(relErr(got[0], want[0])).toBeLessThan(1e-5);
    expect(relErr(got[1], want[1])).toBeLessThan(1e-5);
  });

  it('Conv2DBackpropFilter accepts NCHW operands', () => {
    const x = tf.tensor4d(randn(2 * 7 * 6 * 3, 20), [2, 7, 6, 3]);
    const dy = tf.tensor4d(randn(2 * 4 * 3 * 5, 21), [2, 4, 3, 5]);
    const run = (xx: tf.Tensor, dyy: tf.Tensor, dataFormat: string): Float32Array =>
      tf.tidy(() => {
        const attrs = { strides: [2, 2], pad: 'same', dataFormat, filterShape: [3, 3, 3, 5] };
        const out = tf.engine().runKernel('Conv2DBackpropFilter', { x: xx, dy: dyy }, attrs) as tf.Tensor;
        return out.dataSync() as Float32Array;
      });
    const nhwc = run(x, dy, 'NHWC');
    const nchw = run(x.transpose([0, 3, 1, 2]), dy.transpose([0, 3, 1, 2]), 'NCHW');
    expect(relErr(nchw, nhwc)).toBeLessThan(1e-6);
    tf.dispose([x, dy]);
  });
});

describe('UnsortedSegmentSum (gradient of gather)', () => {
  it('sums embedding gradients over repeated ids', () => {
    const vocab = 10;
    const dim = 6;
    const table = randn(vocab * dim, 30);
    const ids = [[3, 3, 7], [0, 3, 9]];
    const r = randn(2 * 3 * dim, 31);
    const got = tf.tidy(() => {
      const f = (e: tf.Tensor): tf.Tensor => tf.sum(tf.mul(tf.gather(e, tf.tensor2d(ids, [2, 3], 'int32')), tf.tensor(r, [2, 3, dim])));
      return tf.grad(f)(tf.tensor2d(table, [vocab, dim])).dataSync();
    });
    const want = new Float64Array(vocab * dim);
    ids.flat().forEach((id, row) => {
      for (let j = 0; j < dim; j++) want[id * dim + j] += r[row * dim + j];
    });
    expect(relErr(got, want)).toBeLessThan(1e-6);
  });

  it('drops out-of-range ids and keeps trailing dimensions', () => {
    const x = tf.tensor3d(randn(4 * 2 * 3, 32), [4, 2, 3]);
    const out = tf.unsortedSegmentSum(x, tf.tensor1d([2, -1, 2, 5], 'int32'), 3);
    expect(out.shape).toEqual([3, 2, 3]);
    const xv = x.dataSync();
    const want = new Float64Array(18);
    for (let j = 0; j < 6; j++) want[12 + j] = xv[j] + xv[12 + j];
    expect(relErr(out.dataSync(), want)).toBeLessThan(1e-6);
    tf.dispose([x, out]);
  });
});

describe('Tanh', () => {
  it('matches Math.tanh to 1e-6 absolute and 1e-5 relative', () => {
    const xs: number[] = [0, -0, 1e-30, -1e-8, 3e-4, 0.0999, 0.1, -0.1001, 0.5, 1, -3, 9, 20, -100, Infinity, -Infinity];
    const rng = new Rng(40);
    for (let i = 0; i < 2000; i++) xs.push((rng.next() - 0.5) * 24);
    const x32 = new Float32Array(xs);
    const got = tf.tidy(() => tf.tanh(tf.tensor1d(x32)).dataSync());
    for (let i = 0; i < x32.length; i++) {
      const want = Math.tanh(x32[i]);
      const err = Math.abs(got[i] - want);
      expect(err).toBeLessThan(1e-6);
      expect(err).toBeLessThanOrEqual(1e-5 * Math.abs(want));
    }
    expect(tf.tidy(() => tf.tanh(tf.scalar(NaN)).dataSync()[0])).toBeNaN();
  });

  it('gradient is 1 - tanh(x)^2', () => {
    const x = new Float32Array(randn(500, 41).map((v) => 3 * v));
    const got = tf.tidy(() => tf.grad((t: tf.Tensor) => tf.sum(tf.tanh(t)))(tf.tensor1d(x)).dataSync());
    const want = Array.from(x, (v) => 1 - Math.tanh(v) ** 2);
    expect(relErr(got, want)).toBeLessThan(1e-6);
  });
});

describe('no leaks', () => {
  it('leaves no tensors or wasm data behind after 20 backward passes', () => {
    const backend = tf.backend() as BackendWasm;
    const x = tf.tensor4d(randn(2 * 8 * 8 * 3, 50), [2, 8, 8, 3]);
    const w = tf.tensor4d(randn(3 * 3 * 3 * 4, 51), [3, 3, 3, 4]);
    const m = tf.tensor3d(randn(3 * 20 * 24, 52), [3, 20, 24]);
    const e = tf.tensor2d(randn(10 * 4, 53), [10, 4]);
    const ids = tf.tensor1d([1, 1, 4], 'int32');
    const step = (): void => {
      const loss = (xx: tf.Tensor, ww: tf.Tensor, mm: tf.Tensor, ee: tf.Tensor): tf.Scalar => {
        const y = tf.tanh(tf.conv2d(xx as tf.Tensor4D, ww as tf.Tensor4D, 2, 'same'));
        const z = tf.matMul(mm, mm, true, false);
        return tf.add(tf.add(tf.sum(y), tf.sum(z)), tf.sum(tf.gather(ee, ids))) as tf.Scalar;
      };
      const grads = tf.grads(loss)([x, w, m, e]);
      tf.dispose(grads);
    };
    step();
    const tensors = tf.memory().numTensors;
    const bytes = tf.memory().numBytes;
    const dataIds = backend.numDataIds(); // includes kernel intermediates the engine never sees
    const heap = backend.wasm.HEAPU8.length; // and C++-side caches (XNNPACK operators)
    for (let i = 0; i < 20; i++) step();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.memory().numBytes).toBe(bytes);
    expect(backend.numDataIds()).toBe(dataIds);
    expect(backend.wasm.HEAPU8.length).toBe(heap);
    tf.dispose([x, w, m, e, ids]);
  });
});
