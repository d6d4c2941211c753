import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { installWasmKernels, uninstallWasmKernels } from '../../src/backend/wasm_kernels.js';

/** Values of f() with the backend's original kernels, for comparison. */
function withOriginal<T>(f: () => T): T {
  uninstallWasmKernels();
  try {
    return f();
  } finally {
    installWasmKernels();
  }
}

describe('wasm Slice and Unpack without whole-input copies', () => {
  const x = tf.randomNormal([7, 5, 4], 0, 1, 'float32', 3);
  const ints = tf.cast(tf.mul(x, 10), 'int32');

  const cases: Array<[number[], number[]]> = [
    [[0, 0, 0], [1, 5, 4]], // contiguous (one time step)
    [[2, 0, 0], [3, 5, 4]],
    [[3, 2, 0], [1, 2, 4]], // contiguous inside a step
    [[1, 1, 1], [4, 3, 2]], // strided: original kernel
    [[6, 4, 3], [1, 1, 1]],
  ];
  for (const [begin, size] of cases) {
    it(`slice begin [${begin}] size [${size}] equals the original kernel (float32 and int32)`, () => {
      for (const t of [x, ints]) {
        const ours = tf.slice(t, begin, size);
        const theirs = withOriginal(() => tf.slice(t, begin, size));
        expect(ours.dtype).toBe(t.dtype);
        expect(Array.from(ours.dataSync())).toEqual(Array.from(theirs.dataSync()));
        tf.dispose([ours, theirs]);
      }
    });
  }

  for (const axis of [0, 1, -1]) {
    it(`unstack along axis ${axis} equals the original kernel`, () => {
      const ours = tf.unstack(x, axis);
      const theirs = withOriginal(() => tf.unstack(x, axis));
      expect(ours.length).toBe(theirs.length);
      ours.forEach((o, i) => {
        expect(o.shape).toEqual(theirs[i].shape);
        expect(Array.from(o.dataSync())).toEqual(Array.from(theirs[i].dataSync()));
      });
      tf.dispose([...ours, ...theirs]);
    });
  }

  it('the gradients of concat and unstack (which slice) are unchanged, and nothing leaks', () => {
    const f = (a: tf.Tensor) => tf.sum(tf.mul(tf.concat(tf.unstack(a).map((s, i) => tf.mul(s, i + 1)), 0), tf.concat([a, a], 0).slice([0, 0, 0], [7, 5, 4]).reshape([35, 4])));
    const before = tf.memory().numTensors;
    const ours = tf.grad(f)(x);
    const theirs = withOriginal(() => tf.grad(f)(x));
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(ours, theirs))).dataSync()[0]);
    expect(diff).toBeLessThan(1e-6);
    tf.dispose([ours, theirs]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
