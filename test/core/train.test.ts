import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Network } from '../../src/nn/network.js';
import { mlp } from '../../src/nn/config.js';
import { Model, type Space } from '../../src/train/model.js';
import { fit } from '../../src/train/fit.js';
import { Trainer } from '../../src/train/trainer.js';
import { lossValue, accuracy } from '../../src/train/losses.js';
import { OPTIMISERS } from '../../src/train/optimisers.js';
import { twoSpirals } from '../../src/data/spirals.js';

function spirals() {
  const tr = twoSpirals('train');
  return { x: tf.tensor2d(tr.x, [tr.n, 2]), y: tf.tensor1d(tr.y, 'int32') };
}

describe('losses', () => {
  it('cross-entropy, mse and accuracy match hand computation, with a mask', () => {
    tf.tidy(() => {
      const logits = tf.tensor2d([[2, 0], [0, 1], [1, 1]]);
      const y = tf.tensor1d([0, 0, 1], 'int32');
      const ce = [Math.log(1 + Math.exp(-2)), Math.log(1 + Math.exp(1)), Math.log(2)];
      expect(lossValue('cross_entropy', logits, y).dataSync()[0]).toBeCloseTo((ce[0] + ce[1] + ce[2]) / 3, 5);
      expect(lossValue('cross_entropy', logits, y, tf.tensor1d([1, 0, 1])).dataSync()[0]).toBeCloseTo((ce[0] + ce[2]) / 2, 5);
      expect(lossValue('mse', logits, y).dataSync()[0]).toBeCloseTo(((1 + 0) / 2 + (1 + 1) / 2 + (1 + 0) / 2) / 3, 5);
      // argMax of a tie picks the first index: row 3 predicts 0, label 1.
      expect(accuracy(logits, y).dataSync()[0]).toBeCloseTo(1 / 3, 6);
    });
  });
});

describe('training', () => {
  const net = new Network(mlp(2, [5, 5, 5], 2, { name: 'tanh' }, true));

  for (const space of ['target', 'weight'] as Space[]) {
    it(`is reproducible: same seed same numbers, other seed other numbers (${space})`, async () => {
      const data = spirals();
      const run = async (seed: number) => {
        const model = Model.create(net, { space, seed, xbar: data.x });
        const r = await fit(model, data, { iterations: 15, batchSize: 50, optimiser: { name: 'adam', learningRate: 0.01 }, seed, evalEvery: 5 });
        model.dispose();
        return r.history.map((h) => h.sets.train.loss);
      };
      const a = await run(4);
      expect(await run(4)).toEqual(a);
      expect(await run(5)).not.toEqual(a);
      tf.dispose([data.x, data.y]);
    });

    it(`every optimiser lowers the loss (${space})`, async () => {
      const data = spirals();
      for (const name of OPTIMISERS) {
        const model = Model.create(net, { space, seed: 2, xbar: data.x });
        // Target-space gradients are per-sample targets' shares of a mean loss: plain SGD needs a larger rate.
        const lr = name === 'sgd' || name === 'momentum' ? (space === 'target' ? 3 : 0.1) : 0.01;
        const r = await fit(model, data, { iterations: 60, optimiser: { name, learningRate: lr }, seed: 2, evalEvery: 60 });
        expect(r.history[1].sets.train.loss, name).toBeLessThan(0.97 * r.history[0].sets.train.loss);
        model.dispose();
      }
      tf.dispose([data.x, data.y]);
    });

    it(`leaks no tensors per step (${space})`, () => {
      const data = spirals();
      const model = Model.create(net, { space, seed: 1, xbar: data.x });
      const trainer = new Trainer(model, data, { optimiser: { name: 'adam', learningRate: 0.01 }, seed: 1, batchSize: 64 });
      trainer.step();
      trainer.step();
      const before = tf.memory().numTensors;
      for (let i = 0; i < 5; i++) trainer.step();
      expect(tf.memory().numTensors).toBe(before);
      trainer.dispose();
      model.dispose();
      tf.dispose([data.x, data.y]);
    });
  }

  it('target space learns two-spirals quickly (a short run; the full check is in the slow suite)', async () => {
    const data = spirals();
    const model = Model.create(net, { space: 'target', seed: 1, xbar: data.x, lambda: 0.001 });
    const r = await fit(model, data, { iterations: 300, optimiser: { name: 'adam', learningRate: 0.01 }, seed: 1, evalEvery: 300 });
    expect(r.history[1].sets.train.accuracy).toBeGreaterThan(0.9);
    model.dispose();
    tf.dispose([data.x, data.y]);
  });

  it('stops with a clear error when training diverges', async () => {
    const data = spirals();
    const model = Model.create(net, { space: 'weight', seed: 1 });
    const bad = { x: tf.mul(data.x, NaN) as tf.Tensor, y: data.y };
    await expect(fit(model, bad, { iterations: 3, optimiser: { name: 'sgd', learningRate: 0.1 }, seed: 1 })).rejects.toThrow(/loss became NaN at iteration 1 \(weight space\); lower the learning rate/);
    model.dispose();
    tf.dispose([data.x, data.y, bad.x]);
  });
});
