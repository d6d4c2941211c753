/**
 * Our wasm MaxPoolGrad and MaxPoolWithArgmax (src/backend/kernels/max_pool_grad.ts,
 * max_pool_with_argmax.ts) against the cpu backend, over window sizes, strides and
 * paddings, on data that the original wasm kernels get wrong: windows whose values are
 * all <= 0, and ties (first maximum wins). test/setup.ts has selected wasm with our
 * kernels installed.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { afterEach, describe, expect, it } from 'vitest';
import { installWasmKernels, uninstallWasmKernels } from '../../src/backend/wasm_kernels.js';
import { Rng } from '../../src/util/rng.js';
import { onCpu } from '../helpers/backends.js';

type Pad = 'same' | 'valid' | number | [[number, number], [number, number], [number, number], [number, number]];
type Data = 'normal' | 'negative' | 'ties';

interface PoolCase {
  x: [number, number, number, number];
  k: number | [number, number];
  stride: number | [number, number];
  pad: Pad;
}

/** 'negative': every value <= 0; 'ties': few distinct values, mostly <= 0, so windows tie. */
function values(n: number, data: Data, seed: number): Float32Array {
  const rng = new Rng(seed);
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    if (data === 'normal') a[i] = rng.normal();
    else if (data === 'negative') a[i] = -Math.abs(rng.normal()) * (rng.next() < 0.1 ? 0 : 1);
    else a[i] = Math.floor(rng.next() * 4) - 3; // -3, -2, -1, 0
  }
  return a;
}

/** maxPool's value and dL/dx for L = sum(maxPool(x) * r), on the current backend. */
function poolGrad(c: PoolCase, data: Data, seed: number): [Float32Array, Float32Array] {
  return tf.tidy(() => {
    const x = tf.tensor4d(values(c.x.reduce((p, d) => p * d, 1), data, seed), c.x);
    const y = tf.maxPool(x, c.k, c.stride, c.pad);
    const r = tf.tensor(values(y.size, 'normal', seed + 1), y.shape);
    const dx = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(a as tf.Tensor4D, c.k, c.stride, c.pad), r)))(x);
    return [y.dataSync() as Float32Array, dx.dataSync() as Float32Array];
  });
}


function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

const cases: PoolCase[] = [];
for (const x of [[2, 7, 7, 3], [1, 8, 9, 5], [3, 6, 5, 1]] as Array<[number, number, number, number]>) {
  for (const k of [1, 2, 3, [2, 3]] as Array<number | [number, number]>) {
    for (const stride of [1, 2, 3, [1, 2]] as Array<number | [number, number]>) {
      for (const pad of ['valid', 'same'] as const) cases.push({ x, k, stride, pad });
    }
  }
}
cases.push({ x: [2, 7, 7, 3], k: 3, stride: 2, pad: 1 }); // numeric padding
cases.push({ x: [2, 8, 8, 2], k: 3, stride: 1, pad: 1 });
cases.push({ x: [2, 7, 8, 3], k: 2, stride: 2, pad: [[0, 0], [1, 0], [0, 1], [0, 0]] }); // explicit padding
cases.push({ x: [1, 6, 6, 4], k: [3, 2], stride: [2, 3], pad: [[0, 0], [2, 1], [1, 1], [0, 0]] });
cases.push({ x: [2, 4, 4, 3], k: 4, stride: 4, pad: 'valid' }); // one window per image
cases.push({ x: [2, 5, 5, 2], k: 2, stride: 3, pad: 'same' }); // stride > kernel

afterEach(() => {
  expect(tf.getBackend()).toBe('wasm');
});

describe('MaxPoolGrad on wasm', () => {
  for (const data of ['normal', 'negative', 'ties'] as const) {
    it(`matches the cpu backend on ${cases.length} configurations (${data} data)`, async () => {
      const want = await onCpu(() => cases.map((c, i) => poolGrad(c, data, 100 + i)));
      const failures: string[] = [];
      cases.forEach((c, i) => {
        const [y, dx] = poolGrad(c, data, 100 + i);
        const dy = maxAbsDiff(y, want[i][0]);
        const ddx = maxAbsDiff(dx, want[i][1]);
        if (dy > 0 || ddx > 1e-6) failures.push(`${JSON.stringify(c)}: forward ${dy}, gradient ${ddx}`);
      });
      expect(failures).toEqual([]);
    });
  }

  it('gives each all-negative window its gradient, at the first maximum', () => {
    // One 2x2 window per channel: channel 0 all negative (max -1 at the first cell of
    // two), channel 1 all equal to 0 (the first cell wins), channel 2 all -Infinity.
    const x = tf.tensor4d([-1, 0, -Infinity, -2, 0, -Infinity, -1, 0, -Infinity, -3, 0, -Infinity], [1, 2, 2, 3]);
    const dx = tf.tidy(() => tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(a as tf.Tensor4D, 2, 2, 'valid'), [5, 7, 9])))(x));
    expect(Array.from(dx.dataSync())).toEqual([5, 7, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    tf.dispose([x, dx]);
  });

  it('is needed: the original wasm kernel loses the gradient of all-negative windows', () => {
    const c: PoolCase = { x: [2, 6, 6, 3], k: 2, stride: 2, pad: 'valid' };
    const ours = poolGrad(c, 'negative', 7)[1];
    uninstallWasmKernels();
    let original: Float32Array;
    try {
      original = poolGrad(c, 'negative', 7)[1];
    } finally {
      installWasmKernels();
    }
    // If this fails after a tfjs upgrade, the upstream bug is fixed: drop our kernel.
    expect(maxAbsDiff(original, ours)).toBeGreaterThan(0.1);
  });

  it('leaves no tensors or wasm data behind', () => {
    const backend = tf.backend() as BackendWasm;
    const x = tf.tensor4d(values(2 * 8 * 8 * 3, 'ties', 60), [2, 8, 8, 3]);
    const step = (): void => tf.dispose(tf.grad((a: tf.Tensor) => tf.sum(tf.maxPool(a as tf.Tensor4D, 2, 2, 'same')))(x));
    step();
    const tensors = tf.memory().numTensors;
    const dataIds = backend.numDataIds();
    for (let i = 0; i < 10; i++) step();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(backend.numDataIds()).toBe(dataIds);
    x.dispose();
  });
});

describe('MaxPoolWithArgmax on wasm', () => {
  const argmaxCases = cases.filter((c) => typeof c.pad !== 'object') as Array<PoolCase & { pad: 'same' | 'valid' | number }>;
  for (const includeBatchInIndex of [false, true]) {
    it(`matches the cpu backend (ties, includeBatchInIndex ${includeBatchInIndex})`, async () => {
      const run = (): Array<[Float32Array, Int32Array]> =>
        argmaxCases.map((c, i) =>
          tf.tidy(() => {
            const x = tf.tensor4d(values(c.x.reduce((p, d) => p * d, 1), 'ties', 200 + i), c.x);
            const { result, indexes } = tf.maxPoolWithArgmax(x, c.k, c.stride, c.pad, includeBatchInIndex);
            return [result.dataSync() as Float32Array, indexes.dataSync() as Int32Array];
          }),
        );
      const want = await onCpu(run);
      const got = run();
      got.forEach(([v, idx], i) => {
        expect(Array.from(v), JSON.stringify(argmaxCases[i])).toEqual(Array.from(want[i][0]));
        expect(Array.from(idx), JSON.stringify(argmaxCases[i])).toEqual(Array.from(want[i][1]));
      });
    });
  }
});
