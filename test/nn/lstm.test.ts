import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Lstm } from '../../src/nn/lstm.js';
import { forward, initialParams, Network } from '../../src/nn/network.js';
import { Model } from '../../src/train/model.js';
import { Trainer } from '../../src/train/trainer.js';
import { randomMatrix } from '../helpers/reference64.js';
import { lstm64, lstmTaped, maxRelDiff, recallData } from './recurrent_reference.js';

const B = 3, S = 6, D = 2, U = 4;

function params(seed: number) {
  return {
    kernel: tf.tensor2d(randomMatrix(D, 4 * U, seed).map((v) => v * 0.6), [D, 4 * U]),
    recurrent: tf.tensor2d(randomMatrix(U, 4 * U, seed + 1).map((v) => v * 0.6), [U, 4 * U]),
    bias: tf.tensor1d(randomMatrix(1, 4 * U, seed + 2).map((v) => v * 0.3)),
  };
}

describe('LSTM layer', () => {
  it('forward matches a float64 loop (gates i, f, g, o); returnSequences both ways', () => {
    tf.tidy(() => {
      const p = params(3);
      const xs = randomMatrix(B, S * D, 4);
      const x = tf.tensor3d(xs, [B, S, D]);
      const ref = lstm64(xs, [B, S, D], p.kernel.dataSync(), p.recurrent.dataSync(), p.bias.dataSync(), U);
      const seq = new Lstm({ type: 'lstm', units: U }, [S, D]).apply(p, x);
      expect(seq.out.shape).toEqual([B, S, U]);
      expect(maxRelDiff(seq.out.dataSync(), ref)).toBeLessThan(1e-5);
      const last = new Lstm({ type: 'lstm', units: U, returnSequences: false }, [-1, D]).apply(p, x);
      const lastRef = Array.from({ length: B * U }, (_, i) => ref[(Math.floor(i / U) * S + S - 1) * U + (i % U)]);
      expect(last.out.shape).toEqual([B, U]);
      expect(maxRelDiff(last.out.dataSync(), lastRef)).toBeLessThan(1e-5);
    });
  });

  it('gradient (hand-written BPTT) equals tfjs autodiff of a taped loop, any length', () => {
    tf.tidy(() => {
      const p = params(13);
      for (const steps of [1, 2, S]) {
        const x = tf.tensor3d(randomMatrix(B, steps * D, 14), [B, steps, D]);
        const wh = tf.tensor3d(randomMatrix(B, steps * U, 15), [B, steps, U]);
        const layer = new Lstm({ type: 'lstm', units: U }, [-1, D]);
        const ours = tf.grads((xx, k, r, b) => tf.sum(tf.mul(layer.apply({ kernel: k, recurrent: r, bias: b }, xx).out, wh)))([x, p.kernel, p.recurrent, p.bias]);
        const ref = tf.grads((xx, k, r, b) => tf.sum(tf.mul(lstmTaped(xx as tf.Tensor3D, k as tf.Tensor2D, r as tf.Tensor2D, b as tf.Tensor1D), wh)))([x, p.kernel, p.recurrent, p.bias]);
        ours.forEach((g, i) => {
          expect(g.shape).toEqual(ref[i].shape);
          expect(maxRelDiff(g.dataSync(), ref[i].dataSync())).toBeLessThan(1e-5);
        });
      }
    });
  });

  it('initialisation: forget-gate bias 1, orthogonal recurrent blocks, seeded', () => {
    tf.tidy(() => {
      const net = new Network({ input: [-1, D], layers: [{ type: 'lstm', units: U }] });
      const [p] = initialParams(net, 7);
      expect(Array.from(p.bias.dataSync())).toEqual([...Array(U).fill(0), ...Array(U).fill(1), ...Array(2 * U).fill(0)]);
      const block = tf.slice(p.recurrent, [0, 2 * U], [U, U]);
      const qtq = tf.matMul(block, block, true, false).arraySync() as number[][];
      qtq.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(i === j ? 1 : 0, 5)));
      expect(Array.from(initialParams(net, 7)[0].recurrent.dataSync())).toEqual(Array.from(p.recurrent.dataSync()));
    });
  });

  it('learns d = 3 delayed recall in weight space; no leaks across steps', () => {
    const net = new Network({ input: [-1, 1], layers: [{ type: 'lstm', units: 8 }, { type: 'dense', units: 2 }] });
    const train = recallData(100, 1);
    const test = recallData(200, 2);
    const model = Model.create(net, { space: 'weight', seed: 1 });
    const trainer = new Trainer(model, train, { optimiser: { name: 'adam', learningRate: 0.01 }, batchSize: 50, seed: 1 });
    trainer.step();
    const tensors = tf.memory().numTensors;
    for (let i = 1; i < 150; i++) trainer.step();
    expect(tf.memory().numTensors).toBe(tensors);
    const acc = tf.tidy(() => {
      const logits = forward(net, model.weights(), test.x);
      return tf.div(tf.sum(tf.mul(tf.cast(tf.equal(tf.argMax(logits, -1), test.y), 'float32'), test.mask)), tf.sum(test.mask)).dataSync()[0];
    });
    expect(acc).toBeGreaterThan(0.95);
    tf.dispose([...Object.values(train), ...Object.values(test)]);
    trainer.dispose();
    model.dispose();
  });
});
