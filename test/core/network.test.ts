import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Network, forward, forwardTrace, initialParams } from '../../src/nn/network.js';
import { mlp } from '../../src/nn/config.js';
import { randomMatrix, relativeError } from '../helpers/reference64.js';

/** Float64 forward of a tanh MLP with shortcuts, independent of src/nn. */
function forward64(x: Float32Array, n: number, dIn: number, layers: { w: Float32Array; b: Float32Array; units: number; tanh: boolean }[], shortcuts: boolean): Float64Array {
  let streams: Float64Array[] = [Float64Array.from(x)];
  let widths = [dIn];
  let out = new Float64Array(0);
  for (const L of layers) {
    const inW = shortcuts ? widths.reduce((a, b) => a + b, 0) : widths[widths.length - 1];
    const inputs = shortcuts ? streams : [streams[streams.length - 1]];
    const iw = shortcuts ? widths : [widths[widths.length - 1]];
    out = new Float64Array(n * L.units);
    for (let r = 0; r < n; r++) {
      const row: number[] = [];
      inputs.forEach((s, k) => {
        for (let j = 0; j < iw[k]; j++) row.push(s[r * iw[k] + j]);
      });
      for (let u = 0; u < L.units; u++) {
        let z = L.b[u];
        for (let j = 0; j < inW; j++) z += row[j] * L.w[j * L.units + u];
        out[r * L.units + u] = L.tanh ? Math.tanh(z) : z;
      }
    }
    streams = [...streams, out];
    widths = [...widths, L.units];
  }
  return out;
}

describe('dense network forward', () => {
  for (const shortcuts of [false, true]) {
    it(`matches a float64 reference (shortcuts ${shortcuts})`, () => {
      const net = new Network(mlp(2, [4, 3], 2, { name: 'tanh' }, shortcuts));
      const params = initialParams(net, 3);
      const x = randomMatrix(7, 2, 9);
      const out = tf.tidy(() => forward(net, params, tf.tensor2d(x, [7, 2])));
      const layers = params.map((p, i) => ({ w: p.kernel.dataSync() as Float32Array, b: p.bias.dataSync() as Float32Array, units: net.layers[i].outputShape[0], tanh: i < 2 }));
      expect(relativeError(out.dataSync(), forward64(x, 7, 2, layers, shortcuts))).toBeLessThan(1e-5);
      expect(net.layers.map((l) => l.inputShape[0])).toEqual(shortcuts ? [2, 6, 9] : [2, 4, 3]);
      tf.dispose([out, ...params.flatMap((p) => Object.values(p))]);
    });
  }

  it('design matrix times flattened weights equals the pre-activation (parity)', () => {
    const net = new Network(mlp(3, [5], 2, { name: 'relu' }));
    const params = initialParams(net, 1);
    tf.tidy(() => {
      const x = tf.tensor2d(randomMatrix(6, 3, 2), [6, 3]);
      const { preacts } = forwardTrace(net, params, x);
      const layer = net.layers[0];
      const a = layer.linear!.design(x, tf.zeros([6, 5]));
      const w = tf.concat([params[0].kernel, tf.reshape(params[0].bias, [1, 5])], 0);
      expect(relativeError(tf.matMul(a, w as tf.Tensor2D).dataSync(), preacts[0]!.dataSync())).toBeLessThan(1e-6);
    });
    tf.dispose(params.flatMap((p) => Object.values(p)));
  });

  it('rejects bad configurations and inputs with clear errors', () => {
    expect(() => new Network({ input: [2], layers: [] })).toThrow(/at least one layer/);
    expect(() => new Network({ input: [0], layers: [{ type: 'dense', units: 2 }] })).toThrow(/input shape/);
    expect(() => new Network({ input: [2], layers: [{ type: 'dense', units: 0 }] })).toThrow(/units must be a positive integer/);
    const net = new Network(mlp(2, [3], 2, { name: 'tanh' }));
    const params = initialParams(net, 1);
    expect(() => forward(net, params, tf.zeros([4, 3]))).toThrow(/expected \[batch, 2\]/);
    tf.dispose(params.flatMap((p) => Object.values(p)));
  });

  it('initialises Glorot uniform for tanh and He normal for relu', () => {
    const tanhNet = new Network(mlp(200, [300], 2, { name: 'tanh' }));
    const reluNet = new Network(mlp(200, [300], 2, { name: 'relu' }));
    const [pt] = initialParams(tanhNet, 1);
    const [pr] = initialParams(reluNet, 1);
    const limit = Math.sqrt(6 / 500);
    const wt = pt.kernel.dataSync();
    expect(Math.max(...wt)).toBeLessThanOrEqual(limit);
    expect(Math.max(...wt)).toBeGreaterThan(0.95 * limit);
    const wr = pr.kernel.dataSync();
    const std = Math.sqrt(Array.from(wr).reduce((s, v) => s + v * v, 0) / wr.length);
    expect(std).toBeGreaterThan(0.95 * Math.sqrt(2 / 200));
    expect(std).toBeLessThan(1.05 * Math.sqrt(2 / 200));
    expect(Array.from(pt.bias.dataSync()).every((v) => v === 0)).toBe(true);
  });
});
