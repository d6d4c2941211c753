/**
 * Reading and writing tensor values from JavaScript loops (the im2col patch matrix of
 * src/nn/patches.ts), without copies where the backend allows. Callers do not ask which
 * backend is active: {@link computeTensor} picks the route.
 *
 * On wasm a tensor's values live in the module's memory, which JavaScript can address
 * directly: reading them through a view skips `dataSync`'s copy, and writing a result
 * straight into a freshly allocated tensor skips both a large JS allocation (whose pages
 * the OS must fault in) and the copy of `tf.tensor` into wasm memory. For the patch
 * matrix of a 100-image X̄ (11 MB) that is about half of its cost (bench/cnn.bench.ts).
 * Other backends take the portable route (`dataSync`, `tf.tensor`).
 *
 * The wasm package is imported for its types only, so importing this module does not
 * load the wasm backend (the browser bundle may run on WebGL alone).
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * The wasm backend when it is active and holds every input's data (a tensor made on
 * another backend before a switch moves only when read, which `dataSync` does); else null.
 */
function wasmBackendHolding(inputs: tf.Tensor[]): BackendWasm | null {
  if (tf.getBackend() !== 'wasm') return null;
  const backend = tf.backend() as BackendWasm;
  return inputs.every((t) => backend.dataIdMap.has(t.dataId)) ? backend : null;
}

/**
 * A float32 tensor of `shape` whose values `fill` writes, given the values of `inputs`
 * (float32 tensors) to read. `out` starts zeroed. The input views are valid only during
 * `fill` (wasm memory may move when it grows), so `fill` must not create tensors.
 */
export function computeTensor(shape: number[], inputs: tf.Tensor[], fill: (out: Float32Array, ...ins: Float32Array[]) => void): tf.Tensor {
  if (inputs.some((t) => t.dtype !== 'float32')) throw new Error('computeTensor: inputs must be float32.');
  const backend = wasmBackendHolding(inputs);
  if (backend === null) {
    const out = new Float32Array(shape.reduce((a, b) => a * b, 1));
    fill(out, ...inputs.map((t) => t.dataSync() as Float32Array));
    return tf.tensor(out, shape, 'float32');
  }
  const info = backend.makeOutput(shape, 'float32');
  // Views are taken after the allocation above, which may have grown (and moved) the memory.
  const out = backend.typedArrayFromHeap(info) as Float32Array;
  out.fill(0);
  fill(out, ...inputs.map((t) => backend.typedArrayFromHeap(t) as Float32Array));
  return tf.engine().makeTensorFromTensorInfo(info, backend);
}
