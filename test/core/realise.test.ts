import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Network, forward, forwardTrace, initialParams } from '../../src/nn/network.js';
import { mlp } from '../../src/nn/config.js';
import { realise } from '../../src/target/realise.js';
import { initialTargets, project } from '../../src/target/targets.js';
import { Model } from '../../src/train/model.js';
import { finiteDifferences, randomMatrix, relativeError, ridgeReference } from '../helpers/reference64.js';

const values = (t: tf.Tensor) => Array.from(t.dataSync());

describe('realise', () => {
  it('recovers the weights that made exactly realisable targets (lambda -> 0)', () => {
    const net = new Network(mlp(3, [6, 4], 2, { name: 'tanh' }));
    const truth = initialParams(net, 5).map((p, i): Record<string, tf.Tensor> => ({ ...p, bias: tf.randomNormal(p.bias.shape, 0, 0.5, 'float32', i) }));
    tf.tidy(() => {
      const xbar = tf.tensor2d(randomMatrix(40, 3, 1), [40, 3]);
      const { preacts } = forwardTrace(net, truth, xbar);
      for (const mode of ['scu', 'ocu'] as const) {
        const got = realise(net, preacts, xbar, { lambda: 1e-7, mode });
        got.forEach((p, i) => {
          expect(relativeError(p.kernel.dataSync(), truth[i].kernel.dataSync())).toBeLessThan(1e-3);
          expect(relativeError(p.bias.dataSync(), truth[i].bias.dataSync())).toBeLessThan(1e-2);
        });
      }
    });
    tf.dispose(truth.flatMap((p) => Object.values(p)));
  });

  it('SCU and OCU differ when targets are not realisable', () => {
    const net = new Network(mlp(2, [5, 5], 2, { name: 'tanh' }));
    tf.tidy(() => {
      const xbar = tf.tensor2d(randomMatrix(20, 2, 3), [20, 2]);
      const targets = initialTargets(net, [2], 20, 1, 4);
      const scu = realise(net, targets, xbar, { lambda: 1e-3, mode: 'scu' });
      const ocu = realise(net, targets, xbar, { lambda: 1e-3, mode: 'ocu' });
      // The first layer sees X̄ in both modes; later layers see different streams.
      expect(relativeError(scu[0].kernel.dataSync(), ocu[0].kernel.dataSync())).toBeLessThan(1e-6);
      expect(relativeError(scu[2].kernel.dataSync(), ocu[2].kernel.dataSync())).toBeGreaterThan(1e-3);
    });
  });

  it('checks target shapes with a clear error', () => {
    const net = new Network(mlp(2, [5], 2, { name: 'tanh' }));
    tf.tidy(() => {
      const xbar = tf.zeros([10, 2]);
      expect(() => realise(net, [tf.zeros([10, 5]), tf.zeros([9, 2])], xbar, { lambda: 0.1 })).toThrow(/layer 1 \(dense\) needs targets of shape \[10,2\]/);
      expect(() => realise(net, [tf.zeros([10, 5])], xbar, { lambda: 0.1 })).toThrow(/one target entry per layer/);
    });
  });

  it('the initial projection sets the targets to the sums the realised weights produce', () => {
    const net = new Network(mlp(2, [8, 8], 2, { name: 'tanh' }));
    tf.tidy(() => {
      const xbar = tf.tensor2d(randomMatrix(30, 2, 7), [30, 2]);
      const raw = initialTargets(net, [2], 30, 1, 2);
      const projected = project(net, raw, xbar, { lambda: 1e-3 });
      const { preacts: first } = forwardTrace(net, realise(net, raw, xbar, { lambda: 1e-3 }), xbar);
      projected.forEach((t, i) => expect(relativeError(t!.dataSync(), first[i]!.dataSync())).toBeLessThan(1e-6));
      // Realising the projected targets meets them far better than raw random targets are met.
      const { preacts: again } = forwardTrace(net, realise(net, projected, xbar, { lambda: 1e-3 }), xbar);
      projected.forEach((t, i) => {
        const projectedErr = relativeError(again[i]!.dataSync(), t!.dataSync());
        const rawErr = relativeError(first[i]!.dataSync(), raw[i]!.dataSync());
        expect(projectedErr).toBeLessThan(0.5 * rawErr);
      });
    });
  });
});

describe('freeze', () => {
  for (const mode of ['scu', 'ocu'] as const) {
    it(`frozen weights reproduce the target-space model's outputs (${mode})`, () => {
      const net = new Network(mlp(2, [5, 5, 5], 2, { name: 'tanh' }, true));
      const xbar = tf.tensor2d(randomMatrix(50, 2, 1), [50, 2]);
      const model = Model.create(net, { space: 'target', seed: 3, xbar, lambda: 1e-3, mode });
      const x = tf.tensor2d(randomMatrix(13, 2, 2), [13, 2]);
      const frozen = model.freeze();
      const a = model.predict(x);
      const b = tf.tidy(() => forward(net, frozen, x));
      expect(relativeError(b.dataSync(), a.dataSync())).toBeLessThan(1e-6);
      tf.dispose([xbar, x, a, b, ...frozen.flatMap((p) => Object.values(p))]);
      model.dispose();
    });
  }
});

describe('gradient through the whole realisation', () => {
  it('matches central differences of a float64 realisation (SCU, tanh, 2-3-2)', () => {
    const n = 8;
    const lambda = 0.01;
    const x = randomMatrix(n, 2, 11);
    const labels = Int32Array.from({ length: n }, (_, i) => i % 2);
    const t1 = randomMatrix(n, 3, 12);
    const t2 = randomMatrix(n, 2, 13);
    // Float64 reference: realise (SCU) then softmax cross-entropy on X̄ itself.
    const withBias = (a: ArrayLike<number>, rows: number, cols: number) => {
      const out = new Float64Array(rows * (cols + 1));
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) out[r * (cols + 1) + c] = a[r * cols + c];
        out[r * (cols + 1) + cols] = 1;
      }
      return out;
    };
    const matmul = (a: ArrayLike<number>, b: ArrayLike<number>, r: number, k: number, c: number) => {
      const o = new Float64Array(r * c);
      for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) for (let q = 0; q < k; q++) o[i * c + j] += a[i * k + q] * b[q * c + j];
      return o;
    };
    const loss64 = (tt1: ArrayLike<number>, tt2: ArrayLike<number>) => {
      const a0 = withBias(x, n, 2);
      const w1 = ridgeReference(a0, tt1, n, 3, 3, lambda);
      const h = matmul(a0, w1, n, 3, 3).map(Math.tanh);
      const a1 = withBias(h, n, 3);
      const w2 = ridgeReference(a1, tt2, n, 4, 2, lambda);
      const z = matmul(withBias(h, n, 3), w2, n, 4, 2);
      let s = 0;
      for (let r = 0; r < n; r++) {
        const m = Math.max(z[r * 2], z[r * 2 + 1]);
        const lse = m + Math.log(Math.exp(z[r * 2] - m) + Math.exp(z[r * 2 + 1] - m));
        s += lse - z[r * 2 + labels[r]];
      }
      return s / n;
    };
    const net = new Network(mlp(2, [3], 2, { name: 'tanh' }));
    const [g1, g2] = tf.tidy(() => {
      const xb = tf.tensor2d(x, [n, 2]);
      const y = tf.oneHot(tf.tensor1d(labels, 'int32'), 2);
      const f = (a: tf.Tensor, b: tf.Tensor) => {
        const w = realise(net, [a, b], xb, { lambda, mode: 'scu', ridge: { gram: 'float64' } });
        const z = forward(net, w, xb);
        return tf.mean(tf.neg(tf.sum(tf.mul(y, tf.logSoftmax(z)), -1)));
      };
      return tf.grads(f)([tf.tensor2d(t1, [n, 3]), tf.tensor2d(t2, [n, 2])]);
    });
    expect(relativeError(g1.dataSync(), finiteDifferences((v) => loss64(v, t2), t1))).toBeLessThan(2e-3);
    expect(relativeError(g2.dataSync(), finiteDifferences((v) => loss64(t1, v), t2))).toBeLessThan(2e-3);
    tf.dispose([g1, g2]);
  });
});

describe('Model', () => {
  it('needs X̄ for target space, and checks its shape', () => {
    const net = new Network(mlp(2, [3], 2, { name: 'tanh' }));
    expect(() => Model.create(net, { space: 'target', seed: 1 })).toThrow(/needs X̄/);
    const bad = tf.zeros([5, 3]);
    expect(() => Model.create(net, { space: 'target', seed: 1, xbar: bad })).toThrow(/X̄ has shape \[5,3\]/);
    bad.dispose();
  });

  it('starts from raw targets when the projection is off', () => {
    const net = new Network(mlp(2, [50], 2, { name: 'tanh' }));
    const xbar = tf.tensor2d(randomMatrix(100, 2, 1), [100, 2]);
    const off = Model.create(net, { space: 'target', seed: 1, xbar, project: false, targetStd: 0.5 });
    const on = Model.create(net, { space: 'target', seed: 1, xbar, project: true, targetStd: 0.5 });
    const raw = values(off.targets()[0]!);
    const std = Math.sqrt(raw.reduce((s, v) => s + v * v, 0) / raw.length);
    expect(std).toBeGreaterThan(0.4);
    expect(std).toBeLessThan(0.5);
    expect(relativeError(values(on.targets()[0]!), raw)).toBeGreaterThan(0.1);
    off.dispose();
    on.dispose();
    xbar.dispose();
  });
});
