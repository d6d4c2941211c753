import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { Activation } from '../../src/nn/activations.js';
import { forward, forwardTrace, initialParams, Network } from '../../src/nn/network.js';
import { orthogonal } from '../../src/nn/recurrence.js';
import { Rnn } from '../../src/nn/rnn.js';
import { realise } from '../../src/target/realise.js';
import { Model } from '../../src/train/model.js';
import { Trainer } from '../../src/train/trainer.js';
import { randomMatrix } from '../helpers/reference64.js';
import { elman64, elmanTaped, F64, maxRelDiff, recallData } from './recurrent_reference.js';

const B = 3, S = 6, D = 2, U = 4;

function params(seed: number, scale = 0.6) {
  return {
    kernel: tf.tensor2d(randomMatrix(D, U, seed).map((v) => v * scale), [D, U]),
    recurrent: tf.tensor2d(randomMatrix(U, U, seed + 1).map((v) => v * scale), [U, U]),
    bias: tf.tensor1d(randomMatrix(1, U, seed + 2).map((v) => v * 0.3)),
  };
}

const TAPED: Record<string, (z: tf.Tensor) => tf.Tensor> = { tanh: tf.tanh, sigmoid: tf.sigmoid, relu: tf.relu, linear: (z) => z };

describe('Elman rnn layer: forward', () => {
  it('matches a float64 loop: states, sums (preact) and the last step', () => {
    for (const name of ['tanh', 'sigmoid', 'relu', 'linear'] as const) {
      tf.tidy(() => {
        const p = params(11);
        const xs = randomMatrix(B, S * D, 5);
        const x = tf.tensor3d(xs, [B, S, D]);
        const ref = elman64(xs, [B, S, D], p.kernel.dataSync(), p.recurrent.dataSync(), p.bias.dataSync(), U, F64[name]);
        const seq = new Rnn({ type: 'rnn', units: U, activation: { name } }, [S, D]).apply(p, x);
        expect(seq.out.shape).toEqual([B, S, U]);
        expect(seq.preact!.shape).toEqual([B, S, U]);
        expect(maxRelDiff(seq.out.dataSync(), ref.h)).toBeLessThan(1e-5);
        expect(maxRelDiff(seq.preact!.dataSync(), ref.z)).toBeLessThan(1e-5);
        const last = new Rnn({ type: 'rnn', units: U, activation: { name }, returnSequences: false }, [S, D]).apply(p, x);
        expect(last.out.shape).toEqual([B, U]);
        const lastRef = Array.from({ length: B * U }, (_, i) => ref.h[(Math.floor(i / U) * S + S - 1) * U + (i % U)]);
        expect(maxRelDiff(last.out.dataSync(), lastRef)).toBeLessThan(1e-5);
        expect(last.preact!.shape).toEqual([B, S, U]);
      });
    }
  });

  it('takes sequences of any length when the network declares steps free (-1)', () => {
    const net = new Network({ input: [-1, D], layers: [{ type: 'rnn', units: U }, { type: 'dense', units: 2 }] });
    expect(net.outputShape).toEqual([-1, 2]);
    tf.tidy(() => {
      const w = initialParams(net, 3);
      for (const steps of [1, 4, 9]) {
        const y = forward(net, w, tf.randomNormal([2, steps, D], 0, 1, 'float32', steps));
        expect(y.shape).toEqual([2, steps, 2]);
      }
    });
    expect(new Network({ input: [-1, D], layers: [{ type: 'rnn', units: U, returnSequences: false }] }).outputShape).toEqual([U]);
  });

  it('orthogonal recurrent initialiser: Q^T Q = I, seeded', () => {
    tf.tidy(() => {
      const q = orthogonal(7, 7, 42);
      const qtq = tf.matMul(q, q, true, false).arraySync() as number[][];
      qtq.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(i === j ? 1 : 0, 5)));
      expect(Array.from(orthogonal(7, 7, 42).dataSync())).toEqual(Array.from(q.dataSync()));
      const wide = orthogonal(3, 8, 1);
      const wwt = tf.matMul(wide, wide, false, true).arraySync() as number[][];
      wwt.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(i === j ? 1 : 0, 5)));
    });
  });
});

describe('Elman rnn layer: gradient (hand-written BPTT) equals tfjs autodiff of a taped loop', () => {
  for (const name of ['tanh', 'sigmoid', 'relu', 'linear'] as const) {
    it(`${name}: w.r.t. x, kernel, recurrent, bias, through states and sums`, () => {
      tf.tidy(() => {
        const p = params(21);
        const x = tf.tensor3d(randomMatrix(B, S * D, 8), [B, S, D]);
        const wh = tf.tensor3d(randomMatrix(B, S * U, 9), [B, S, U]);
        const wz = tf.tensor3d(randomMatrix(B, S * U, 10), [B, S, U]);
        const layer = new Rnn({ type: 'rnn', units: U, activation: { name } as Activation }, [S, D]);
        const loss = (o: tf.Tensor, z: tf.Tensor) => tf.add(tf.sum(tf.mul(o, wh)), tf.sum(tf.mul(tf.square(z), wz)));
        const ours = tf.grads((xx, k, r, b) => {
          const a = layer.apply({ kernel: k, recurrent: r, bias: b }, xx);
          return loss(a.out, a.preact!);
        })([x, p.kernel, p.recurrent, p.bias]);
        const ref = tf.grads((xx, k, r, b) => {
          const a = elmanTaped(xx as tf.Tensor3D, k as tf.Tensor2D, r as tf.Tensor2D, b as tf.Tensor1D, TAPED[name]);
          return loss(a.h, a.z);
        })([x, p.kernel, p.recurrent, p.bias]);
        ours.forEach((g, i) => expect(maxRelDiff(g.dataSync(), ref[i].dataSync())).toBeLessThan(1e-5));
      });
    });
  }

  it('returnSequences false: only the last state carries gradient; one step works', () => {
    tf.tidy(() => {
      const p = params(31);
      for (const steps of [1, S]) {
        const x = tf.tensor3d(randomMatrix(B, steps * D, 3), [B, steps, D]);
        const layer = new Rnn({ type: 'rnn', units: U, returnSequences: false }, [steps, D]);
        const ours = tf.grads((xx, r) => tf.sum(tf.square(layer.apply({ ...p, recurrent: r }, xx).out)))([x, p.recurrent]);
        const ref = tf.grads((xx, r) => {
          const h = elmanTaped(xx as tf.Tensor3D, p.kernel, r as tf.Tensor2D, p.bias, tf.tanh).h;
          return tf.sum(tf.square(tf.slice(h, [0, steps - 1, 0], [B, 1, U])));
        })([x, p.recurrent]);
        ours.forEach((g, i) => expect(maxRelDiff(g.dataSync(), ref[i].dataSync())).toBeLessThan(1e-5));
      }
    });
  });
});

describe('Elman rnn layer in target space (sec. 5)', () => {
  it('design parity: rows [x_t, f(T_{t-1}), 1] times W equal the sums when the states are f(T)', () => {
    tf.tidy(() => {
      const p = params(41);
      const x = tf.tensor3d(randomMatrix(B, S * D, 4), [B, S, D]);
      const layer = new Rnn({ type: 'rnn', units: U }, [S, D]);
      const t = layer.apply(p, x).preact!;
      expect(layer.linear.targetShape(B, [S, D])).toEqual([B, S, U]);
      const a = layer.linear.design(x, t);
      expect(a.shape).toEqual([B * S, D + U + 1]);
      const w = tf.concat([p.kernel, p.recurrent, tf.reshape(p.bias, [1, U])], 0) as tf.Tensor2D;
      expect(maxRelDiff(tf.matMul(a, w).dataSync(), t.dataSync())).toBeLessThan(1e-5);
      const back = layer.linear.fromSolution(w);
      for (const k of ['kernel', 'recurrent', 'bias'] as const) expect(Array.from(back[k].dataSync())).toEqual(Array.from(p[k].dataSync()));
      expect(maxRelDiff(layer.linear.activateTargets(t).dataSync(), layer.apply(p, x).out.dataSync())).toBeLessThan(1e-6);
      const lastLayer = new Rnn({ type: 'rnn', units: U, returnSequences: false }, [S, D]);
      expect(lastLayer.linear.activateTargets(t).shape).toEqual([B, U]);
    });
  });

  it('realise with tiny lambda recovers the weights that produced the targets (both modes)', () => {
    tf.tidy(() => {
      const net = new Network({ input: [-1, D], layers: [{ type: 'rnn', units: U }, { type: 'dense', units: 2 }] });
      const w0 = [params(51), { kernel: tf.tensor2d(randomMatrix(U, 2, 60), [U, 2]), bias: tf.tensor1d([0.2, -0.1]) }];
      const xbar = tf.tensor3d(randomMatrix(30, 10 * D, 61), [30, 10, D]); // X̄ length 10, unlike the layer's nothing
      const { preacts } = forwardTrace(net, w0, xbar);
      for (const mode of ['scu', 'ocu'] as const) {
        const got = realise(net, preacts, xbar, { lambda: 1e-6, mode, ridge: { gram: 'float64' } });
        got.forEach((layer, i) => {
          for (const [k, v] of Object.entries(layer)) expect(maxRelDiff(v.dataSync(), (w0[i] as Record<string, tf.Tensor>)[k].dataSync())).toBeLessThan(1e-3);
        });
      }
    });
  });
});

/** Accuracy on the supervised steps (t >= d) of a data set, from logits [n, steps, 2]. */
function maskedAccuracy(logits: tf.Tensor, data: { y: tf.Tensor; mask: tf.Tensor }): number {
  return tf.tidy(() => tf.div(tf.sum(tf.mul(tf.cast(tf.equal(tf.argMax(logits, -1), data.y), 'float32'), data.mask)), tf.sum(data.mask)).dataSync()[0]);
}

describe('a target-space Elman net learns d = 3 delayed recall (E3)', () => {
  // OCU (kept for comparison, sec. 2.4) learns too but less steadily: give it more steps.
  for (const [mode, steps] of [['scu', 60], ['ocu', 200]] as const) {
    it(`${mode}: X̄ shorter than the training sequences; freeze() reproduces predict(); no leaks`, () => {
      const net = new Network({ input: [-1, 1], layers: [{ type: 'rnn', units: 8 }, { type: 'dense', units: 2 }] });
      const train = recallData(100, 1);
      const test = recallData(200, 2);
      const xbar = recallData(50, 3, 20).x; // 20 steps, training data 53
      const model = Model.create(net, { space: 'target', xbar, lambda: 0.001, mode, seed: 1 });
      const trainer = new Trainer(model, train, { optimiser: { name: 'adam', learningRate: 0.01 }, batchSize: 50, seed: 1 });
      trainer.step();
      const tensors = tf.memory().numTensors;
      for (let i = 1; i < steps; i++) trainer.step();
      expect(tf.memory().numTensors).toBe(tensors);
      const predicted = model.predict(test.x);
      expect(maskedAccuracy(predicted, test)).toBeGreaterThan(0.95);
      const frozen = model.freeze();
      const direct = forward(net, frozen, test.x);
      expect(maxRelDiff(direct.dataSync(), predicted.dataSync())).toBeLessThan(1e-6);
      tf.dispose([predicted, direct, xbar, ...frozen.flatMap((p) => Object.values(p)), ...Object.values(train), ...Object.values(test)]);
      trainer.dispose();
      model.dispose();
    });
  }
});
