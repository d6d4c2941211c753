import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { checkTokenIds, Embedding, EMBEDDING_INIT_LIMIT } from '../../src/nn/embedding.js';
import { installWasmKernels } from '../../src/backend/wasm_kernels.js';
import { LastStep } from '../../src/nn/last_step.js';
import { forward, initialParams, Network } from '../../src/nn/network.js';

const V = 5, DIM = 3;

function table() {
  return tf.tensor2d(Array.from({ length: V * DIM }, (_, i) => i / 10), [V, DIM]);
}

describe('embedding layer', () => {
  it('looks up rows: ids [batch, steps] -> [batch, steps, dim]; float ids are cast', () => {
    tf.tidy(() => {
      const layer = new Embedding({ type: 'embedding', vocab: V, dim: DIM }, [-1]);
      expect(layer.outputShapeFor([7])).toEqual([7, DIM]);
      const e = table();
      const ids = [[4, 0, 2], [1, 1, 3]];
      const out = layer.apply({ embeddings: e }, tf.tensor2d(ids, [2, 3], 'int32')).out;
      expect(out.shape).toEqual([2, 3, DIM]);
      const rows = e.arraySync();
      expect(out.arraySync()).toEqual(ids.map((r) => r.map((id) => rows[id])));
      expect(layer.apply({ embeddings: e }, tf.tensor2d(ids, [2, 3], 'float32')).out.arraySync()).toEqual(out.arraySync());
    });
  });

  it('gradient: each row gets the sum of the upstream gradients of its occurrences (repeated ids accumulate)', () => {
    tf.tidy(() => {
      const layer = new Embedding({ type: 'embedding', vocab: V, dim: DIM }, [-1]);
      const ids = tf.tensor2d([[1, 3, 1], [1, 0, 3]], [2, 3], 'int32');
      const w = tf.tensor3d(Array.from({ length: 2 * 3 * DIM }, (_, i) => i + 1), [2, 3, DIM]);
      const g = tf.grad((e: tf.Tensor) => tf.sum(tf.mul(layer.apply({ embeddings: e }, ids).out, w)))(table());
      const wv = w.arraySync();
      const expected = Array.from({ length: V }, () => new Array(DIM).fill(0));
      ids.arraySync().forEach((row, n) => row.forEach((id, t) => wv[n][t].forEach((v, j) => (expected[id][j] += v))));
      expect(g.arraySync()).toEqual(expected);
    });
  });

  it('out-of-range ids: a clear error naming the vocabulary', () => {
    tf.tidy(() => {
      const layer = new Embedding({ type: 'embedding', vocab: V, dim: DIM }, [-1]);
      expect(() => layer.apply({ embeddings: table() }, tf.tensor2d([[0, 5]], [1, 2], 'int32'))).toThrow(/\[0, 4\]/);
      expect(() => layer.apply({}, tf.tensor2d([[0, 1]], [1, 2], 'int32'))).toThrow(/embeddings/);
      expect(() => checkTokenIds([0, 4, -1], V)).toThrow(/token id -1 at position 2/);
      expect(() => checkTokenIds(tf.tensor1d([0, 4, 2], 'int32'), V)).not.toThrow();
    });
  });

  it('without UnsortedSegmentSum (plain wasm) a one-hot product gives the same values and gradient', () => {
    const layer = new Embedding({ type: 'embedding', vocab: V, dim: DIM }, [-1]);
    const ids = tf.tensor2d([[1, 3, 1], [1, 0, 3]], [2, 3], 'int32');
    const run = () => tf.tidy(() => {
      const w = tf.tensor3d(Array.from({ length: 2 * 3 * DIM }, (_, i) => i + 1), [2, 3, DIM]);
      const { value, grad } = tf.valueAndGrad((e: tf.Tensor) => tf.sum(tf.mul(layer.apply({ embeddings: e }, ids).out, w)))(table());
      return [value.dataSync()[0], grad.arraySync(), layer.apply({ embeddings: table() }, ids).out.arraySync()];
    });
    const withKernel = run();
    tf.unregisterKernel('UnsortedSegmentSum', tf.getBackend());
    try {
      expect(tf.getKernel('UnsortedSegmentSum', tf.getBackend())).toBeUndefined();
      expect(run()).toEqual(withKernel);
      expect(() => tf.tidy(() => layer.apply({ embeddings: table() }, tf.tensor2d([[0, 7]], [1, 2], 'int32')).out)).toThrow(/token id 7/);
    } finally {
      installWasmKernels();
      ids.dispose();
    }
    expect(tf.getKernel('UnsortedSegmentSum', tf.getBackend())).toBeDefined();
  });

  it('initialises U(-0.05, 0.05), seeded; feeds an rnn and last_step into a sequence classifier', () => {
    tf.tidy(() => {
      const net = new Network({ input: [-1], layers: [{ type: 'embedding', vocab: 50, dim: 4 }, { type: 'rnn', units: 6 }, { type: 'last_step' }, { type: 'dense', units: 2 }] });
      expect(net.outputShape).toEqual([2]);
      const w = initialParams(net, 3);
      const e = w[0].embeddings.dataSync();
      expect(Math.max(...e.map(Math.abs))).toBeLessThanOrEqual(EMBEDDING_INIT_LIMIT);
      expect(Array.from(initialParams(net, 3)[0].embeddings.dataSync())).toEqual(Array.from(e));
      const ids = tf.tensor2d([[1, 2, 3, 4], [5, 6, 7, 8]], [2, 4], 'int32');
      expect(forward(net, w, ids).shape).toEqual([2, 2]);
      const grads = tf.grads((a: tf.Tensor, k: tf.Tensor) => tf.sum(forward(net, [{ embeddings: a }, { ...w[1], kernel: k }, {}, w[3]], ids)))([w[0].embeddings, w[1].kernel]);
      expect(grads[0].shape).toEqual([50, 4]);
      expect(tf.sum(tf.abs(tf.slice(grads[0], [9, 0], [41, 4]))).dataSync()[0]).toBe(0); // unseen words get no gradient
    });
  });
});

describe('last_step layer', () => {
  it('keeps the last step of [batch, steps, ...features]; gradient only there', () => {
    tf.tidy(() => {
      const layer = new LastStep({ type: 'last_step' }, [-1, 2]);
      expect(layer.outputShapeFor([9, 2])).toEqual([2]);
      const x = tf.tensor3d([[[1, 2], [3, 4], [5, 6]], [[7, 8], [9, 10], [11, 12]]]);
      expect(layer.apply({}, x).out.arraySync()).toEqual([[5, 6], [11, 12]]);
      const g = tf.grad((xx: tf.Tensor) => tf.sum(layer.apply({}, xx).out))(x);
      expect(g.arraySync()).toEqual([[[0, 0], [0, 0], [1, 1]], [[0, 0], [0, 0], [1, 1]]]);
      expect(() => new LastStep({ type: 'last_step' }, [4])).toThrow(/steps/);
    });
  });
});
