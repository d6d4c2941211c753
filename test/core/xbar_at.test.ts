import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Network, forward } from '../../src/nn/network.js';
import { Model } from '../../src/train/model.js';
import { fit } from '../../src/train/fit.js';
import { relativeError } from '../helpers/reference64.js';

/** Toy text task: label 1 when token 3 occurs in the sequence. */
function toyText(n: number, seed: number) {
  const ids = tf.tidy(() => tf.cast(tf.floor(tf.randomUniform([n, 6], 1, 10, 'float32', seed)), 'int32'));
  const data = ids.arraySync() as number[][];
  const y = tf.tensor1d(data.map((row) => (row.includes(3) ? 1 : 0)), 'int32');
  return { x: ids, y };
}

describe('X̄ entering mid-network (noise in embedding space, sec. 5)', () => {
  const net = new Network({ input: [-1], layers: [{ type: 'embedding', vocab: 10, dim: 4 }, { type: 'rnn', units: 8 }, { type: 'last_step' }, { type: 'dense', units: 2 }] });

  it('trains the embedding directly beside the targets, and freezes exactly', async () => {
    const xbar = tf.randomUniform([30, 6, 4], -1, 1, 'float32', 7);
    const model = Model.create(net, { space: 'target', seed: 1, xbar, xbarAt: 1, lambda: 0.001 });
    expect(model.targets().map((t) => (t ? t.shape : null))).toEqual([null, [30, 6, 8], null, [30, 2]]);
    const embeddingBefore = model.direct()[0].embeddings.clone();
    const data = toyText(200, 3);
    const r = await fit(model, data, { iterations: 150, batchSize: 50, optimiser: { name: 'adam', learningRate: 0.01 }, seed: 1, evalEvery: 150 });
    expect(r.history[1].sets.train.loss).toBeLessThan(0.8 * r.history[0].sets.train.loss);
    expect(relativeError(model.direct()[0].embeddings.dataSync(), embeddingBefore.dataSync())).toBeGreaterThan(0.01);
    const frozen = model.freeze();
    const a = model.predict(data.x);
    const b = tf.tidy(() => forward(net, frozen, data.x));
    expect(relativeError(b.dataSync(), a.dataSync())).toBeLessThan(1e-6);
    tf.dispose([xbar, embeddingBefore, data.x, data.y, a, b, ...frozen.flatMap((p) => Object.values(p))]);
    model.dispose();
  });

  it('with real token sequences as X̄ (entering at the input), the embedding also learns through the solves', async () => {
    const data = toyText(200, 5);
    const xbar = tf.slice(data.x, 0, 30);
    const model = Model.create(net, { space: 'target', seed: 2, xbar, lambda: 0.001 });
    expect(model.targets().map((t) => (t ? t.shape : null))).toEqual([null, [30, 6, 8], null, [30, 2]]);
    const before = model.direct()[0].embeddings.clone();
    const r = await fit(model, data, { iterations: 100, batchSize: 50, optimiser: { name: 'adam', learningRate: 0.01 }, seed: 2, evalEvery: 100 });
    expect(r.history[1].sets.train.loss).toBeLessThan(0.9 * r.history[0].sets.train.loss);
    expect(relativeError(model.direct()[0].embeddings.dataSync(), before.dataSync())).toBeGreaterThan(0.01);
    tf.dispose([xbar, before, data.x, data.y]);
    model.dispose();
  });

  it('rejects X̄ entry points out of range', () => {
    const xbar = tf.zeros([4, 6, 4]);
    expect(() => Model.create(net, { space: 'target', seed: 1, xbar, xbarAt: 9 })).toThrow(/X̄ must enter at a layer index in \[0, 3\]/);
    const wrongWidth = tf.zeros([4, 6, 5]);
    expect(() => Model.create(net, { space: 'target', seed: 1, xbar: wrongWidth, xbarAt: 1 })).toThrow(/X̄ enters at layer 1 \(rnn\), which takes \[batch, -1, 4\], but X̄ has shape \[4,6,5\]/);
    wrongWidth.dispose();
    xbar.dispose();
  });
});
