/**
 * The target-space convolution's design matrix: the im2col patch matrix must reproduce
 * the convolution exactly (same stride, same TF padding), and its gradient must be
 * the adjoint of the extraction.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Conv2D, type Conv2DConfig } from '../../src/nn/conv2d.js';
import { extractPatches, windowGeometry } from '../../src/nn/patches.js';
import { randomMatrix, relativeError } from '../helpers/reference64.js';
import { im2col64 } from './cnn_reference64.js';

function randomTensor(shape: number[], seed: number): tf.Tensor {
  return tf.tensor(randomMatrix(1, shape.reduce((a, b) => a * b, 1), seed), shape);
}

/** [kernel reshaped to rows; bias] as the solved W of the layer. */
function flatWeights(kernel: tf.Tensor, bias: tf.Tensor | undefined): tf.Tensor2D {
  const k2 = tf.reshape(kernel, [-1, kernel.shape[3]!]);
  return (bias ? tf.concat([k2, tf.reshape(bias, [1, -1])], 0) : k2) as tf.Tensor2D;
}

interface Case {
  h: number;
  w: number;
  c: number;
  k: number | [number, number];
  s: number | [number, number];
  padding: 'same' | 'valid';
  filters: number;
  bias: boolean;
}

const cases: Case[] = [];
for (const padding of ['same', 'valid'] as const) {
  for (const s of [1, 2, 3]) {
    for (const [h, w] of [[7, 7], [8, 8], [6, 9]]) {
      for (const [k, c] of [[1, 2], [2, 1], [3, 3], [5, 2]] as const) {
        cases.push({ h, w, c, k, s, padding, filters: 4, bias: (h + k + s) % 2 === 0 });
      }
    }
  }
}
cases.push({ h: 9, w: 8, c: 2, k: [3, 2], s: [2, 1], padding: 'same', filters: 3, bias: true });
cases.push({ h: 9, w: 8, c: 2, k: [2, 4], s: [1, 3], padding: 'valid', filters: 3, bias: true });

describe('conv2d design matrix (im2col) against the convolution', () => {
  for (const cs of cases) {
    const name = `${cs.h}x${cs.w}x${cs.c} k=${cs.k} s=${cs.s} ${cs.padding}${cs.bias ? ' +bias' : ''}`;
    it(`patches x flattened kernel = conv2d pre-activation: ${name}`, () => {
      const config: Conv2DConfig = { type: 'conv2d', filters: cs.filters, kernelSize: cs.k, strides: cs.s, padding: cs.padding, bias: cs.bias };
      const layer = new Conv2D(config, [cs.h, cs.w, cs.c]);
      const n = 3;
      const [got, want, shape] = tf.tidy(() => {
        const x = randomTensor([n, cs.h, cs.w, cs.c], 1);
        const params = Object.fromEntries(layer.paramSpecs().map((p, i) => [p.name, randomTensor(p.shape, 10 + i)]));
        const { preact } = layer.apply(params, x);
        const a = layer.linear.design(x, tf.zeros([1]));
        return [tf.matMul(a, flatWeights(params.kernel, params.bias)), preact!, tf.tensor1d(preact!.shape)];
      });
      expect(Array.from(shape.dataSync())).toEqual(layer.linear.targetShape(n, [cs.h, cs.w, cs.c]));
      expect(Array.from(shape.dataSync()).slice(1)).toEqual(layer.outputShape);
      expect(got.shape).toEqual([want.size / cs.filters, cs.filters]);
      expect(relativeError(got.dataSync(), want.dataSync())).toBeLessThan(1e-5);
      tf.dispose([got, want, shape]);
    });
  }

  it('matches an independent float64 im2col entry for entry (with the bias column last)', () => {
    for (const [k, s, padding] of [[3, 2, 'same'], [2, 2, 'same'], [3, 1, 'valid']] as const) {
      const data = randomMatrix(1, 2 * 7 * 6 * 2, 3);
      const ref = im2col64({ data: Float64Array.from(data), n: 2, h: 7, w: 6, c: 2 }, k, s, padding);
      const p = tf.tidy(() => extractPatches(tf.tensor4d(data, [2, 7, 6, 2]), windowGeometry([7, 6, 2], [k, k], [s, s], padding, 'test'), true));
      expect(p.shape).toEqual([ref.rows, ref.cols]);
      expect(Array.from(p.dataSync())).toEqual(Array.from(ref.a, Math.fround));
      p.dispose();
    }
  });

  it('its gradient w.r.t. the input is the adjoint (against autodiff of a one-hot convolution)', () => {
    for (const [k, s, padding] of [[3, 1, 'same'], [3, 2, 'same'], [2, 2, 'valid'], [4, 3, 'same']] as const) {
      const [h, w, c] = [7, 8, 3];
      const g = windowGeometry([h, w, c], [k, k], [s, s], padding, 'test');
      const [ours, ref] = tf.tidy(() => {
        const x = randomTensor([2, h, w, c], 4);
        const d = k * k * c;
        const r = randomTensor([2 * g.rows.out * g.cols.out, d + 1], 5);
        // A convolution with the identity as filter extracts the same patches, by tfjs's own conv code.
        const eye = tf.reshape(tf.eye(d), [k, k, c, d]) as tf.Tensor4D;
        const viaConv = (t: tf.Tensor) => tf.concat([tf.reshape(tf.conv2d(t as tf.Tensor4D, eye, s, padding), [-1, d]), tf.ones([r.shape[0], 1])], 1);
        const loss = (f: (t: tf.Tensor) => tf.Tensor) => (t: tf.Tensor) => tf.sum(tf.mul(f(t), r));
        return [tf.grad(loss((t) => extractPatches(t as tf.Tensor4D, g, true)))(x), tf.grad(loss(viaConv))(x)];
      });
      expect(relativeError(ours.dataSync(), ref.dataSync())).toBeLessThan(1e-5);
      tf.dispose([ours, ref]);
    }
  });
});

describe('window geometry', () => {
  it('follows TF: same -> ceil(in/s) with the odd padding after; valid -> floor((in-k)/s)+1', () => {
    const g = windowGeometry([8, 7, 1], [4, 3], [3, 2], 'same', 'test');
    expect(g.rows).toMatchObject({ out: 3, padBefore: 1, padAfter: 1 }); // total = 2*3 + 4 - 8 = 2
    expect(g.cols).toMatchObject({ out: 4, padBefore: 1, padAfter: 1 }); // total = 3*2 + 3 - 7 = 2
    const h = windowGeometry([8, 7, 1], [2, 2], [2, 2], 'same', 'test');
    expect(h.rows).toMatchObject({ out: 4, padBefore: 0, padAfter: 0 });
    expect(h.cols).toMatchObject({ out: 4, padBefore: 0, padAfter: 1 }); // total 1: all after
    const k = windowGeometry([6, 9, 1], [2, 2], [3, 3], 'same', 'test'); // stride > kernel: no padding at all
    expect([k.rows.out, k.rows.padBefore, k.rows.padAfter, k.cols.out, k.cols.padAfter]).toEqual([2, 0, 0, 3, 0]);
    const v = windowGeometry([8, 7, 1], [3, 3], [2, 2], 'valid', 'test');
    expect([v.rows.out, v.cols.out]).toEqual([3, 3]);
  });

  it('explains a window bigger than a valid input, and non-image inputs', () => {
    expect(() => new Conv2D({ type: 'conv2d', filters: 2, kernelSize: 5, padding: 'valid' }, [4, 8, 1])).toThrow(/larger than the input height \(4\).*'same'/);
    expect(() => new Conv2D({ type: 'conv2d', filters: 2, kernelSize: 3 }, [16])).toThrow(/needs image inputs \[height, width, channels\]/);
    expect(() => new Conv2D({ type: 'conv2d', filters: 2, kernelSize: 0 }, [4, 4, 1])).toThrow(/kernelSize must be positive integers/);
    expect(() => new Conv2D({ type: 'conv2d', filters: 0, kernelSize: 3 }, [4, 4, 1])).toThrow(/filters must be a positive integer/);
    const layer = new Conv2D({ type: 'conv2d', filters: 2, kernelSize: 3 }, [4, 4, 1]);
    expect(() => layer.linear.design(tf.zeros([1, 4, 4, 2]), tf.zeros([1]))).toThrow(/expected inputs \[batch, H, W, 1\], got \[1,4,4,2\]/);
  });
});
