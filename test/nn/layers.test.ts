/**
 * The parameterless image layers: pooling (shapes, values, and a max-pool gradient that
 * is right on wasm too), flatten, and dropout (training only, seeded, never in realisation).
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildLayer } from '../../src/nn/config.js';
import { Dropout } from '../../src/nn/dropout.js';
import { Flatten } from '../../src/nn/flatten.js';
import { EVAL } from '../../src/nn/layer.js';
import { Network } from '../../src/nn/network.js';
import { Pooling2D } from '../../src/nn/pooling.js';
import { realise } from '../../src/target/realise.js';
import { randomMatrix, relativeError } from '../helpers/reference64.js';

/** TF max-pool gradient in plain JS: each window's first maximum gets the output gradient. */
function maxPoolGradReference(x: Float32Array, dy: Float32Array, [n, h, w, c]: number[], k: number, s: number, ho: number, wo: number, top: number, left: number): Float64Array {
  const dx = new Float64Array(x.length);
  for (let b = 0; b < n; b++) for (let oy = 0; oy < ho; oy++) for (let ox = 0; ox < wo; ox++) for (let q = 0; q < c; q++) {
    let best = -Infinity;
    let at = -1;
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) {
      const y = oy * s + i - top;
      const xx = ox * s + j - left;
      if (y < 0 || y >= h || xx < 0 || xx >= w) continue;
      const p = ((b * h + y) * w + xx) * c + q;
      if (x[p] > best) [best, at] = [x[p], p];
    }
    dx[at] += dy[((b * ho + oy) * wo + ox) * c + q];
  }
  return dx;
}

describe('pooling', () => {
  it('output shapes follow TF (default strides = pool size, padding valid)', () => {
    expect(new Pooling2D({ type: 'maxpool2d', poolSize: 2 }, [28, 28, 16]).outputShape).toEqual([14, 14, 16]);
    expect(new Pooling2D({ type: 'maxpool2d', poolSize: 2 }, [7, 7, 3]).outputShape).toEqual([3, 3, 3]);
    expect(new Pooling2D({ type: 'avgpool2d', poolSize: 2, padding: 'same' }, [7, 7, 3]).outputShape).toEqual([4, 4, 3]);
    expect(new Pooling2D({ type: 'maxpool2d', poolSize: [3, 2], strides: 1 }, [5, 4, 1]).outputShape).toEqual([3, 3, 1]);
    expect(() => new Pooling2D({ type: 'maxpool2d', poolSize: 3 }, [2, 8, 1])).toThrow(/larger than the input height/);
  });

  it('max and average values on a known input', () => {
    const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], [1, 4, 4, 1]);
    const max = new Pooling2D({ type: 'maxpool2d', poolSize: 2 }, [4, 4, 1]).apply({}, x).out;
    const avg = new Pooling2D({ type: 'avgpool2d', poolSize: 2 }, [4, 4, 1]).apply({}, x).out;
    expect(Array.from(max.dataSync())).toEqual([6, 8, 14, 16]);
    expect(Array.from(avg.dataSync())).toEqual([3.5, 5.5, 11.5, 13.5]);
    tf.dispose([x, max, avg]);
  });

  // tfjs-backend-wasm's own MaxPoolGrad drops the gradient of windows whose values are all <= 0.
  for (const [k, s, padding, h, top, left, ho, wo] of [
    [2, 2, 'valid', 6, 0, 0, 3, 3],
    [3, 2, 'same', 7, 1, 1, 4, 4],
    [2, 1, 'valid', 5, 0, 0, 4, 4],
  ] as const) {
    it(`max-pool gradient (k=${k}, s=${s}, ${padding}) matches TF semantics, negative windows included`, () => {
      const layer = new Pooling2D({ type: 'maxpool2d', poolSize: k, strides: s, padding }, [h, h, 2]);
      const xv = randomMatrix(1, 2 * h * h * 2, 7).map((v) => v - 1); // mostly negative
      const dyv = randomMatrix(1, 2 * ho * wo * 2, 8);
      const g = tf.tidy(() => {
        const dy = tf.tensor4d(dyv, [2, ho, wo, 2]);
        return tf.grad((x: tf.Tensor) => tf.sum(tf.mul(layer.apply({}, x).out, dy)))(tf.tensor4d(xv, [2, h, h, 2]));
      });
      const ref = maxPoolGradReference(xv, dyv, [2, h, h, 2], k, s, ho, wo, top, left);
      expect(relativeError(g.dataSync(), ref)).toBeLessThan(1e-6); // float32 sums where windows overlap
      g.dispose();
    });
  }
});

describe('flatten', () => {
  it('row-major [H, W, C] -> [H*W*C]', () => {
    const f = new Flatten({ type: 'flatten' }, [2, 3, 4]);
    expect(f.outputShape).toEqual([24]);
    const x = tf.range(0, 48).reshape([2, 2, 3, 4]);
    const y = f.apply({}, x).out;
    expect(y.shape).toEqual([2, 24]);
    expect(Array.from(y.dataSync())).toEqual(Array.from(x.dataSync()));
    expect(() => new Flatten({ type: 'flatten' }, [-1, 3])).toThrow(/fixed per-example shape/);
    tf.dispose([x, y]);
  });
});

describe('dropout', () => {
  const layer = new Dropout({ type: 'dropout', rate: 0.5 }, [1000]);
  const x = tf.ones([4, 1000]);

  it('is the identity when not training', () => {
    const y = layer.apply({}, x, EVAL).out;
    expect(Array.from(y.dataSync())).toEqual(Array.from(x.dataSync()));
  });

  it('drops about rate of the values while training, scales the rest by 1/(1-rate), and is seeded', () => {
    const [a, b, c] = tf.tidy(() => [1, 1, 2].map((seed) => layer.apply({}, x, { training: true, seed }).out));
    const av = Array.from(a.dataSync());
    const zeros = av.filter((v) => v === 0).length / av.length;
    expect(zeros).toBeGreaterThan(0.45);
    expect(zeros).toBeLessThan(0.55);
    expect(av.every((v) => v === 0 || Math.abs(v - 2) < 1e-6)).toBe(true);
    expect(Array.from(b.dataSync())).toEqual(av); // same seed, same mask
    expect(Array.from(c.dataSync())).not.toEqual(av);
    tf.dispose([a, b, c]);
  });

  it('is never applied in realisation: the same weights as the net without it', () => {
    const withDrop = new Network({ input: [3], layers: [{ type: 'dense', units: 6, activation: { name: 'tanh' } }, { type: 'dropout', rate: 0.5 }, { type: 'dense', units: 2 }] });
    const without = new Network({ input: [3], layers: [{ type: 'dense', units: 6, activation: { name: 'tanh' } }, { type: 'dense', units: 2 }] });
    const [wa, wb] = tf.tidy(() => {
      const xbar = tf.tensor2d(randomMatrix(10, 3, 1), [10, 3]);
      const t1 = tf.tensor2d(randomMatrix(10, 6, 2), [10, 6]);
      const t2 = tf.tensor2d(randomMatrix(10, 2, 3), [10, 2]);
      const pa = realise(withDrop, [t1, null, t2], xbar, { lambda: 0.01 });
      const pb = realise(without, [t1, t2], xbar, { lambda: 0.01 });
      return [pa[2].kernel, pb[1].kernel];
    });
    expect(Array.from(wa.dataSync())).toEqual(Array.from(wb.dataSync()));
    tf.dispose([wa, wb]);
  });

  it('rejects rates outside [0, 1)', () => {
    expect(() => buildLayer({ type: 'dropout', rate: 1 }, [3])).toThrow(/rate must be a number in \[0, 1\)/);
    expect(() => buildLayer({ type: 'dropout', rate: -0.1 }, [3])).toThrow(/rate/);
  });
});
