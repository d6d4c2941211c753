import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Network } from '../../src/nn/network.js';
import { mlp, type NetworkConfig } from '../../src/nn/config.js';
import { Model } from '../../src/train/model.js';
import { toLayersModel } from '../../src/export/layers_model.js';
import { loadLayersModel, saveLayersModel } from '../../src/node/export_model.js';
import { relativeError } from '../helpers/reference64.js';

interface Case {
  name: string;
  config: NetworkConfig;
  x: () => tf.Tensor;
  xbar?: () => tf.Tensor;
}

const cases: Case[] = [
  { name: 'dense with shortcuts (two-spirals net)', config: mlp(2, [5, 5, 5], 2, { name: 'tanh' }, true), x: () => tf.randomNormal([9, 2], 0, 3, 'float32', 1) },
  {
    name: 'CNN with leaky relu, pooling, dropout',
    config: {
      input: [12, 12, 1],
      layers: [
        { type: 'conv2d', filters: 4, kernelSize: 3, activation: { name: 'leaky_relu', alpha: 0.2 } },
        { type: 'maxpool2d', poolSize: 2 },
        { type: 'conv2d', filters: 6, kernelSize: 3, strides: 2, padding: 'valid', activation: { name: 'relu' } },
        { type: 'flatten' },
        { type: 'dropout', rate: 0.3 },
        { type: 'dense', units: 3 },
      ],
    },
    x: () => tf.randomUniform([5, 12, 12, 1], 0, 1, 'float32', 2),
  },
  {
    name: 'Elman RNN with an output at every step',
    config: { input: [-1, 1], layers: [{ type: 'rnn', units: 6 }, { type: 'dense', units: 2 }] },
    x: () => tf.randomUniform([4, 7, 1], 0, 1, 'float32', 3),
  },
  {
    name: 'Elman RNN classifying the last step',
    config: { input: [-1, 2], layers: [{ type: 'rnn', units: 5 }, { type: 'last_step' }, { type: 'dense', units: 2 }] },
    x: () => tf.randomUniform([4, 6, 2], -1, 1, 'float32', 4),
  },
];

describe('export to a TensorFlow.js LayersModel', () => {
  for (const c of cases) {
    for (const space of ['target', 'weight'] as const) {
      it(`${c.name} (${space} space): tf.loadLayersModel predicts what the library predicts`, async () => {
        const net = new Network(c.config);
        const xbar = (c.xbar ?? c.x)();
        const model = Model.create(net, { space, seed: 1, xbar, lambda: 0.01, targetStd: 0.5 });
        const x = c.x();
        const ours = model.predict(x);
        const frozen = model.freeze();
        const exported = toLayersModel(net, frozen);
        const dir = mkdtempSync(join(tmpdir(), 'ts-export-'));
        await saveLayersModel(exported, dir);
        const loaded = await loadLayersModel(dir);
        const theirs = loaded.predict(x) as tf.Tensor;
        expect(theirs.shape).toEqual(ours.shape);
        expect(relativeError(theirs.dataSync(), ours.dataSync())).toBeLessThan(1e-5);
        tf.dispose([xbar, x, ours, theirs, ...frozen.flatMap((p) => Object.values(p))]);
        exported.dispose();
        loaded.dispose();
        model.dispose();
        rmSync(dir, { recursive: true });
      });
    }
  }

  it('LSTM and embedding (weight space) export too', async () => {
    const net = new Network({ input: [-1], layers: [{ type: 'embedding', vocab: 20, dim: 4 }, { type: 'lstm', units: 5 }, { type: 'last_step' }, { type: 'dense', units: 2 }] });
    const model = Model.create(net, { space: 'weight', seed: 2 });
    const x = tf.tensor2d([[1, 2, 3, 0], [5, 5, 19, 7]], [2, 4], 'int32');
    const ours = model.predict(x);
    const frozen = model.freeze();
    const dir = mkdtempSync(join(tmpdir(), 'ts-export-'));
    await saveLayersModel(toLayersModel(net, frozen), dir);
    const loaded = await loadLayersModel(dir);
    const theirs = loaded.predict(x) as tf.Tensor;
    expect(relativeError(theirs.dataSync(), ours.dataSync())).toBeLessThan(1e-5);
    tf.dispose([x, ours, theirs, ...frozen.flatMap((p) => Object.values(p))]);
    model.dispose();
    rmSync(dir, { recursive: true });
  });
});
