import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Network } from '../../src/nn/network.js';
import { mlp, type NetworkConfig } from '../../src/nn/config.js';
import { Model, type ModelOptions } from '../../src/train/model.js';
import { loadModel, saveModel } from '../../src/node/model_file.js';
import { relativeError } from '../helpers/reference64.js';

const cases: { name: string; config: NetworkConfig; options: Omit<ModelOptions, 'seed'>; x: () => tf.Tensor }[] = [
  { name: 'target-space MLP with shortcuts, OCU', config: mlp(2, [4, 4], 2, { name: 'tanh' }, true), options: { space: 'target', xbar: tf.randomNormal([20, 2], 0, 1, 'float32', 1), mode: 'ocu', lambda: 0.01 }, x: () => tf.randomNormal([5, 2], 0, 1, 'float32', 2) },
  { name: 'weight-space MLP', config: mlp(2, [4], 3, { name: 'relu' }), options: { space: 'weight' }, x: () => tf.randomNormal([5, 2], 0, 1, 'float32', 3) },
  {
    name: 'target-space text net with a directly trained embedding (X̄ in embedding space)',
    config: { input: [-1], layers: [{ type: 'embedding', vocab: 12, dim: 3 }, { type: 'rnn', units: 4 }, { type: 'last_step' }, { type: 'dense', units: 2 }] },
    options: { space: 'target', xbar: tf.randomUniform([6, 5, 3], -1, 1, 'float32', 4), xbarAt: 1 },
    x: () => tf.tensor2d([[1, 2, 3, 4, 5], [11, 0, 0, 7, 2]], [2, 5], 'int32'),
  },
];

describe('saveModel / loadModel', () => {
  for (const c of cases) {
    it(`round-trips a ${c.name}`, () => {
      const model = Model.create(new Network(c.config), { ...c.options, seed: 1 });
      const dir = mkdtempSync(join(tmpdir(), 'ts-model-'));
      const path = join(dir, 'm.tsm');
      saveModel(model, path);
      const loaded = loadModel(path);
      expect(loaded.space).toBe(model.space);
      expect(loaded.target).toEqual(model.target);
      const x = c.x();
      const a = model.predict(x);
      const b = loaded.predict(x);
      expect(relativeError(b.dataSync(), a.dataSync())).toBeLessThan(1e-7);
      tf.dispose([x, a, b]);
      model.dispose();
      loaded.dispose();
      rmSync(dir, { recursive: true });
    });
  }

  it('gives a clear error for a file that is not a saved model', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ts-model-'));
    writeFileSync(join(dir, 'x.tsm'), 'nope');
    expect(() => loadModel(join(dir, 'x.tsm'))).toThrow(/model file .* is corrupt \(not a targetspace model file\)/);
    rmSync(dir, { recursive: true });
  });
});
