import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ridgeSolve, type RidgeForm } from '../../src/linalg/ridge_solve.js';
import { finiteDifferences, lowRankMatrix, randomMatrix, relativeError, ridgeReference } from '../helpers/reference64.js';

const shapes: Array<[string, number, number, number]> = [
  ['tall', 40, 7, 3],
  ['wide', 9, 30, 2],
  ['square', 12, 12, 4],
];

describe('ridgeSolve forward against a float64 reference', () => {
  for (const [name, n, d, k] of shapes) {
    for (const lambda of [1e-6, 1e-3, 0.1, 10]) {
      for (const rankDeficient of [false, true]) {
        it(`${name} [${n}x${d}] lambda=${lambda}${rankDeficient ? ' rank-deficient' : ''}`, () => {
          const a = rankDeficient ? lowRankMatrix(n, d, Math.min(n, d) - 2, 7) : randomMatrix(n, d, 3);
          const t = randomMatrix(n, k, 5);
          const ref = ridgeReference(a, t, n, d, k, lambda);
          for (const form of ['primal', 'dual'] as RidgeForm[]) {
            const w = tf.tidy(() => ridgeSolve(tf.tensor2d(a, [n, d]), tf.tensor2d(t, [n, k]), lambda, { form }));
            expect(relativeError(w.dataSync(), ref)).toBeLessThan(1e-4);
            w.dispose();
          }
        });
      }
    }
  }

  it('float32 Gram path is accurate for practical lambdas on full-rank A', () => {
    for (const [n, d, form] of [[300, 20, 'primal'], [15, 200, 'dual']] as const) {
      const a = randomMatrix(n, d, 11);
      const t = randomMatrix(n, 3, 12);
      const ref = ridgeReference(a, t, n, d, 3, 1e-3);
      const w = tf.tidy(() => ridgeSolve(tf.tensor2d(a, [n, d]), tf.tensor2d(t, [n, 3]), 1e-3, { form, gram: 'float32' }));
      expect(relativeError(w.dataSync(), ref)).toBeLessThan(1e-4);
      w.dispose();
    }
  });
});

describe('ridgeSolve gradients against central differences of the float64 reference', () => {
  const cases: Array<[string, number, number, number, RidgeForm, 'float64' | 'float32']> = [
    ['primal', 12, 5, 3, 'primal', 'float64'],
    ['dual', 5, 12, 3, 'dual', 'float64'],
    ['primal, float32 Gram', 12, 5, 3, 'primal', 'float32'],
    ['dual, float32 Gram', 5, 12, 3, 'dual', 'float32'],
  ];
  for (const [name, n, d, k, form, gram] of cases) {
    it(name, () => {
      const lambda = 0.01;
      const a = randomMatrix(n, d, 21);
      const t = randomMatrix(n, k, 22);
      const r = randomMatrix(d, k, 23); // the loss is sum(W * R): dL/dW = R
      const loss64 = (aa: ArrayLike<number>, tt: ArrayLike<number>) => {
        const w = ridgeReference(aa, tt, n, d, k, lambda);
        let s = 0;
        for (let i = 0; i < w.length; i++) s += w[i] * r[i];
        return s;
      };
      const [ga, gt] = tf.tidy(() => {
        const f = (at: tf.Tensor, tt: tf.Tensor) => tf.sum(tf.mul(ridgeSolve(at as tf.Tensor2D, tt as tf.Tensor2D, lambda, { form, gram }), tf.tensor2d(r, [d, k])));
        return tf.grads(f)([tf.tensor2d(a, [n, d]), tf.tensor2d(t, [n, k])]);
      });
      const fdA = finiteDifferences((x) => loss64(x, t), a);
      const fdT = finiteDifferences((x) => loss64(a, x), t);
      expect(relativeError(ga.dataSync(), fdA)).toBeLessThan(1e-3);
      expect(relativeError(gt.dataSync(), fdT)).toBeLessThan(1e-3);
      tf.dispose([ga, gt]);
    });
  }
});

describe('ridgeSolve hygiene', () => {
  it('leaks no tensors across a forward+backward step', () => {
    const a = tf.tensor2d(randomMatrix(30, 6, 1), [30, 6]);
    const t = tf.tensor2d(randomMatrix(30, 2, 2), [30, 2]);
    const step = () => tf.tidy(() => tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(ridgeSolve(x as tf.Tensor2D, y as tf.Tensor2D, 0.1)))([a, t]));
    tf.dispose(step());
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) tf.dispose(step());
    tf.dispose(tf.tidy(() => ridgeSolve(tf.transpose(a) as tf.Tensor2D, tf.ones([6, 2]) as tf.Tensor2D, 0.1)));
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([a, t]);
  });

  it('gives clear errors for bad input', () => {
    const a = tf.ones([4, 3]) as tf.Tensor2D;
    expect(() => ridgeSolve(a, tf.ones([5, 2]) as tf.Tensor2D, 0.1)).toThrow(/same number of rows/);
    expect(() => ridgeSolve(a, tf.ones([4, 2]) as tf.Tensor2D, -1)).toThrow(/lambda must be a finite number >= 0/);
    expect(() => ridgeSolve(a, tf.ones([4]) as unknown as tf.Tensor2D, 0.1)).toThrow(/must be matrices/);
    expect(() => ridgeSolve(tf.tensor2d([[NaN, 1], [1, 1]]), tf.ones([2, 1]) as tf.Tensor2D, 0.1)).toThrow(/A contains NaN or Inf/);
    expect(() => ridgeSolve(tf.tensor2d([[1, 0], [0, 1]]), tf.tensor2d([[Infinity], [1]]), 0.1)).toThrow(/T contains NaN or Inf/);
    expect(() => ridgeSolve(a, tf.ones([4, 2]) as tf.Tensor2D, 0, { form: 'primal' })).toThrow(/rank-deficient/);
  });
});

describe('ridgeSolve float32 Gram fallback', () => {
  it('re-forms an indefinite float32 Gram in float64 instead of failing', () => {
    // Two nearly equal columns with an offset, over many rows: the float32 Gram's
    // rounding exceeds lambda and makes it indefinite; the float64 Gram is fine.
    const n = 20000;
    const base = randomMatrix(n, 1, 1);
    const noise = randomMatrix(n, 1, 2);
    const a = new Float32Array(n * 3);
    for (let i = 0; i < n; i++) {
      a[i * 3] = base[i] + 3;
      a[i * 3 + 1] = base[i] + 3 + 1e-3 * noise[i];
      a[i * 3 + 2] = 1;
    }
    const t = randomMatrix(n, 1, 3);
    const w = tf.tidy(() => ridgeSolve(tf.tensor2d(a, [n, 3]), tf.tensor2d(t, [n, 1]), 1e-3, { gram: 'float32' }));
    expect(relativeError(w.dataSync(), ridgeReference(a, t, n, 3, 1, 1e-3))).toBeLessThan(1e-4);
    w.dispose();
  });
});
