/**
 * Convolutional networks in target space (paper sec. 2.4 and the CNNs of sec. 4):
 * realisation recovers the weights that made exactly realisable targets, freezing equals
 * the model's own predictions, the realisation's gradient w.r.t. the targets matches
 * central differences of an independent float64 reference, a small CNN trains, and no
 * tensors leak.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { NetworkConfig } from '../../src/nn/config.js';
import type { NetParams } from '../../src/nn/layer.js';
import { forward, forwardTrace, Network } from '../../src/nn/network.js';
import { realise, type Targets } from '../../src/target/realise.js';
import { Model, realiseOptions } from '../../src/train/model.js';
import { Trainer } from '../../src/train/trainer.js';
import { finiteDifferences, randomMatrix, relativeError } from '../helpers/reference64.js';
import { realise64, type Step64 } from './cnn_reference64.js';

const leaky = { name: 'leaky_relu' as const, alpha: 0.2 };

function randomTensor(shape: number[], seed: number, scale = 1): tf.Tensor {
  return tf.tensor(randomMatrix(1, shape.reduce((a, b) => a * b, 1), seed).map((v) => v * scale), shape);
}

function dispose(p: NetParams | Targets): void {
  tf.dispose(p.flatMap((e) => (e === null ? [] : e instanceof tf.Tensor ? [e] : Object.values(e))));
}

/** A seeded synthetic 3-class image task: a bright horizontal bar, vertical bar or centre blob in noise. */
function barImages(n: number, size: number, seed: number): { x: tf.Tensor4D; y: tf.Tensor1D } {
  const noise = randomMatrix(n, size * size, seed);
  const data = new Float32Array(n * size * size);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const cls = i % 3;
    const at = 1 + (Math.abs(Math.floor(noise[i * size * size] * 10)) % (size - 2));
    labels[i] = cls;
    for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) {
      const on = cls === 0 ? r === at : cls === 1 ? c === at : Math.abs(r - size / 2 + 0.5) < 1.5 && Math.abs(c - size / 2 + 0.5) < 1.5;
      data[(i * size + r) * size + c] = (on ? 1 : 0) + 0.3 * noise[i * size * size + r * size + c];
    }
  }
  return { x: tf.tensor4d(data, [n, size, size, 1]), y: tf.tensor1d(labels, 'int32') };
}

const smallCnn: NetworkConfig = {
  input: [8, 8, 1],
  layers: [
    { type: 'conv2d', filters: 4, kernelSize: 3, activation: leaky },
    { type: 'maxpool2d', poolSize: 2 },
    { type: 'conv2d', filters: 6, kernelSize: 3, strides: 2, activation: leaky },
    { type: 'flatten' },
    { type: 'dense', units: 3 },
  ],
};

describe('realisation of convolutions', () => {
  for (const [name, layers] of [
    ['one conv, stride 2, same', [{ type: 'conv2d', filters: 3, kernelSize: 3, strides: 2 }]],
    ['one conv, stride 1, valid, even kernel', [{ type: 'conv2d', filters: 2, kernelSize: 2, padding: 'valid' }]],
    ['conv -> maxpool -> conv (stride 2), SCU', [{ type: 'conv2d', filters: 3, kernelSize: 3, activation: leaky }, { type: 'maxpool2d', poolSize: 2 }, { type: 'conv2d', filters: 2, kernelSize: 3, strides: 2 }]],
  ] as Array<[string, NetworkConfig['layers']]>) {
    it(`recovers the weights that made exactly realisable targets (lambda 1e-6): ${name}`, () => {
      // 13x13 inputs: the second conv still has more rows (6 images x 3 x 3) than unknowns (28).
      const net = new Network({ input: [13, 13, 2], layers });
      const [got, want] = tf.tidy(() => {
        const xbar = randomTensor([6, 13, 13, 2], 1);
        const truth: NetParams = net.layers.map((l, i) => Object.fromEntries(l.paramSpecs().map((p, j) => [p.name, randomTensor(p.shape, 20 + 3 * i + j, 0.5)])));
        const targets = forwardTrace(net, truth, xbar).preacts;
        const solved = realise(net, targets, xbar, { lambda: 1e-6 });
        return [solved.flatMap((p) => Object.values(p)), truth.flatMap((p) => Object.values(p))];
      });
      got.forEach((g, i) => expect(relativeError(g.dataSync(), want[i].dataSync())).toBeLessThan(1e-3));
      tf.dispose([...got, ...want]);
    });
  }
});

describe('a small CNN in target space', () => {
  it('freeze() gives plain weights whose forward pass equals predict() and the realisation', () => {
    const net = new Network(smallCnn);
    const { x } = barImages(24, 8, 5);
    const xbar = tf.slice(x, 0, 12);
    const model = Model.create(net, { space: 'target', seed: 3, xbar, lambda: 0.1, targetStd: 0.1 });
    const frozen = model.freeze();
    const [viaFrozen, viaPredict, viaRealise] = tf.tidy(() => [
      forward(net, frozen, x),
      model.predict(x),
      forward(net, realise(net, model.targets(), model.xbar!, realiseOptions(model.target!)), x),
    ]);
    expect(viaFrozen.shape).toEqual([24, 3]);
    expect(relativeError(viaFrozen.dataSync(), viaPredict.dataSync())).toBeLessThan(1e-6);
    expect(relativeError(viaFrozen.dataSync(), viaRealise.dataSync())).toBeLessThan(1e-6);
    tf.dispose([viaFrozen, viaPredict, viaRealise, x, xbar]);
    dispose(frozen);
    model.dispose();
  });

  it('trains: the loss falls clearly within 50 Adam steps, without leaking tensors', () => {
    const net = new Network({ ...smallCnn, layers: [...smallCnn.layers.slice(0, 4), { type: 'dropout', rate: 0.1 }, smallCnn.layers[4]] });
    const train = barImages(96, 8, 9);
    const xbar = tf.slice(train.x, 0, 32);
    // The paper's lambda and target std for CNNs; a higher rate than its 0.01 so the tiny task moves within 50 steps.
    const model = Model.create(net, { space: 'target', seed: 1, xbar, lambda: 0.1, targetStd: 0.1 });
    const trainer = new Trainer(model, train, { optimiser: { name: 'adam', learningRate: 0.03 }, batchSize: 32, seed: 2 });
    const losses: number[] = [];
    let tensorsAfter2 = 0;
    for (let i = 0; i < 50; i++) {
      losses.push(trainer.step().loss);
      if (i === 1) tensorsAfter2 = tf.memory().numTensors;
    }
    expect(tf.memory().numTensors).toBe(tensorsAfter2);
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(losses.slice(0, 5))).toBeGreaterThan(0.9); // ~ln 3 at the start
    expect(mean(losses.slice(-5))).toBeLessThan(0.5 * mean(losses.slice(0, 5)));
    trainer.dispose();
    model.dispose();
    tf.dispose([train.x, train.y, xbar]);
  });
});

describe('gradient of the whole realisation w.r.t. the targets', () => {
  // conv (same) -> maxpool -> conv (stride 2, same, odd input: padding after only) -> flatten -> dense.
  const steps: Step64[] = [
    { kind: 'conv', filters: 3, k: 3, stride: 1, padding: 'same', act: 'leaky' },
    { kind: 'maxpool', size: 2 },
    { kind: 'conv', filters: 2, k: 2, stride: 2, padding: 'same', act: 'tanh' },
    { kind: 'flatten' },
    { kind: 'dense', units: 2, act: 'linear' },
  ];
  const config: NetworkConfig = {
    input: [6, 6, 2],
    layers: [
      { type: 'conv2d', filters: 3, kernelSize: 3, activation: leaky },
      { type: 'maxpool2d', poolSize: 2 },
      { type: 'conv2d', filters: 2, kernelSize: 2, strides: 2, activation: { name: 'tanh' } },
      { type: 'flatten' },
      { type: 'dense', units: 2 },
    ],
  };
  const lambda = 0.1;
  const n = 4;

  it('matches central differences of a float64 reference (and its forward values)', () => {
    const net = new Network(config);
    const shapes = net.layerInputShapes();
    const linear = net.layers.map((l, i) => (l.linear ? l.linear.targetShape(n, shapes[i]) : null));
    const xbarData = randomMatrix(1, n * 6 * 6 * 2, 1);
    const targetData = linear.filter((s): s is number[] => s !== null).map((s, i) => randomMatrix(1, s.reduce((a, b) => a * b, 1), 10 + i));
    // The loss sums every solved weight (kernel rows then the bias row) times a fixed random R.
    const rs = [19 * 3, 13 * 2, 9 * 2].map((size, i) => randomMatrix(1, size, 30 + i));
    const loss64 = (ts: Float64Array[]) =>
      realise64(steps, ts, { data: Float64Array.from(xbarData), n, h: 6, w: 6, c: 2 }, lambda).reduce((s, w, i) => s + w.reduce((t, v, j) => t + v * rs[i][j], 0), 0);

    const { grads, weights } = tf.tidy(() => {
      const xbar = tf.tensor4d(xbarData, [n, 6, 6, 2]);
      let k = 0;
      const targets = linear.map((s) => (s ? tf.tensor(targetData[k++], s) : null));
      const solvedW = (ts: tf.Tensor[]) => {
        let m = 0;
        const full = linear.map((s) => (s ? ts[m++] : null));
        return realise(net, full, xbar, { lambda })
          .filter((p) => p.kernel)
          .map((p) => tf.concat([tf.reshape(p.kernel, [-1, p.bias.shape[0]]), tf.reshape(p.bias, [1, -1])], 0));
      };
      const given = targets.filter((t): t is tf.Tensor => t !== null);
      const lossOf = (...ts: tf.Tensor[]) => solvedW(ts).reduce((s: tf.Tensor, w, i) => tf.add(s, tf.sum(tf.mul(w, tf.tensor(rs[i], w.shape)))), tf.scalar(0));
      return { grads: tf.grads(lossOf)(given), weights: solvedW(given) };
    });

    const ref64 = realise64(steps, targetData.map((t) => Float64Array.from(t)), { data: Float64Array.from(xbarData), n, h: 6, w: 6, c: 2 }, lambda);
    weights.forEach((w, i) => expect(relativeError(w.dataSync(), ref64[i])).toBeLessThan(1e-4));

    grads.forEach((g, i) => {
      const fd = finiteDifferences((x) => loss64(targetData.map((t, j) => (j === i ? x : Float64Array.from(t)))), targetData[i], 1e-6);
      expect(Math.max(...fd.map(Math.abs))).toBeGreaterThan(1e-3); // the loss really depends on these targets
      expect(relativeError(g.dataSync(), fd)).toBeLessThan(2e-3);
    });
    tf.dispose([...grads, ...weights]);
  });
});
