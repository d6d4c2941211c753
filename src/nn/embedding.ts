/**
 * A trainable embedding: token ids [steps] per example -> vectors [steps, dim] (E4,
 * IMDB sentiment: embedding 32 -> tanh RNN -> 2). Parameter {embeddings [vocab, dim]},
 * initialised U(-0.05, 0.05) as Keras's Embedding.
 *
 * It has no LinearForm: nothing in it is a least-squares solve, so in target space it
 * is trained directly alongside the targets (paper sec. 5), and X̄ may enter after it
 * as noise in embedding space.
 *
 * The gradient of a lookup (tf.gather) is UnsortedSegmentSum, which the wasm backend
 * only has once src/backend/wasm_kernels.ts is installed (`useBackend('wasm')` does
 * that). Without it, small lookups fall back to a one-hot product (same values and
 * gradient, and it runs anywhere); large ones fail with an error naming the fix.
 *
 * Out-of-range ids: the wasm and cpu backends check gather's indices (and we rethrow
 * with the layer's context); the one-hot path checks them itself; webgl does not check
 * (its gather yields zeros). Validate data once with {@link checkTokenIds}.
 */
import * as tf from '@tensorflow/tfjs';
import type { Applied, Layer, LayerParams, ParamSpec, Shape } from './layer.js';

export interface EmbeddingConfig {
  type: 'embedding';
  /** Vocabulary size: ids lie in [0, vocab). */
  vocab: number;
  /** Length of each token's vector. */
  dim: number;
}

/** Keras's default `RandomUniform(-0.05, 0.05)` for embeddings. */
export const EMBEDDING_INIT_LIMIT = 0.05;

/** Most one-hot entries (ids x vocab) the fallback lookup may build: 64 MB of float32. */
export const ONE_HOT_LIMIT = 1 << 24;

export class Embedding implements Layer {
  readonly type = 'embedding';
  readonly outputShape: Shape;

  constructor(readonly config: EmbeddingConfig, readonly inputShape: Shape) {
    const { vocab, dim } = config;
    if (!Number.isInteger(vocab) || vocab < 1) throw new Error(`embedding: vocab must be a positive integer, got ${vocab}.`);
    if (!Number.isInteger(dim) || dim < 1) throw new Error(`embedding: dim must be a positive integer, got ${dim}.`);
    if (inputShape.length !== 1) throw new Error(`embedding: needs token ids of shape [steps] per example (steps may be -1 = free), got [${inputShape}].`);
    this.outputShape = this.outputShapeFor(inputShape);
  }

  outputShapeFor(input: Shape): Shape {
    return [...input, this.config.dim];
  }

  paramSpecs(): ParamSpec[] {
    const { vocab, dim } = this.config;
    return [{ name: 'embeddings', shape: [vocab, dim], init: (seed) => tf.randomUniform([vocab, dim], -EMBEDDING_INIT_LIMIT, EMBEDDING_INIT_LIMIT, 'float32', seed) }];
  }

  /**
   * @param x token ids [batch, steps] (int32; other dtypes are cast)
   * @returns out [batch, steps, dim]
   */
  apply(params: LayerParams, x: tf.Tensor): Applied {
    const table = params.embeddings as tf.Tensor2D | undefined;
    const { vocab, dim } = this.config;
    if (!table) {
      throw new Error('embedding: no parameter `embeddings` given. In target space the embedding has no targets: it keeps its own trainable weights, which realisation must pass in.');
    }
    const ids = x.dtype === 'int32' ? x : tf.cast(x, 'int32');
    if (tf.getKernel('UnsortedSegmentSum', tf.getBackend()) === undefined) return { out: oneHotLookup(table, ids, vocab, dim) };
    try {
      return { out: tf.gather(table, ids) };
    } catch (e) {
      throw new Error(`embedding: lookup failed (${(e as Error).message}). Token ids must be integers in [0, ${vocab - 1}]: make the tokenizer's vocabulary size match the layer's vocab.`);
    }
  }
}

/** The lookup as oneHot(ids) x table, for backends without UnsortedSegmentSum. */
function oneHotLookup(table: tf.Tensor2D, ids: tf.Tensor, vocab: number, dim: number): tf.Tensor {
  if (ids.size * vocab > ONE_HOT_LIMIT) {
    throw new Error(
      `embedding: backend '${tf.getBackend()}' has no UnsortedSegmentSum kernel (the gradient of a lookup), and a one-hot product for ${ids.size} ids x ${vocab} words is too large. On wasm select the backend with useBackend('wasm') (src/backend/index.ts), which installs the kernel.`,
    );
  }
  checkTokenIds(ids, vocab); // one-hot rows of bad ids would silently be zero
  const flat = tf.matMul(tf.oneHot(tf.reshape(ids, [-1]), vocab), table);
  return tf.reshape(flat, [...ids.shape, dim]);
}

/**
 * Throw a clear error if any id is outside [0, vocab). Reads the ids (synchronously),
 * so call it when preparing data, not in the training loop.
 */
export function checkTokenIds(ids: tf.Tensor | ArrayLike<number>, vocab: number): void {
  const values = ids instanceof tf.Tensor ? ids.dataSync() : ids;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(Number.isInteger(v) && v >= 0 && v < vocab)) {
      throw new Error(`embedding: token id ${v} at position ${i} is outside the vocabulary [0, ${vocab - 1}]: make the tokenizer's vocabulary size match the layer's vocab.`);
    }
  }
}
