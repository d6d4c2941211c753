/**
 * MaxPoolGrad for wasm: each output's gradient goes to its window's first maximum.
 *
 * The wasm backend's own kernel (tfjs-backend-wasm 4.22, C++) starts each window's
 * running maximum at `numeric_limits<float>::min()`, the smallest positive float, so
 * windows whose values are all <= 0 lose their gradient and ties go to the last
 * maximum (see max_pool_argmax.ts). This is the gradient of every `tf.maxPool` on wasm
 * (tfjs-core's MaxPool gradient calls this kernel), so fixing it here fixes max pooling
 * for all callers. A JS loop over the wasm heap: one pass over x and one over dy,
 * memory-bound, so there is nothing for C++ to win.
 *
 * The forward output y (input `output`) is not needed: the maxima are found again from
 * x, which keeps the gradient right whatever the forward kernel did.
 */
import { firstMaxima, poolInfo } from './max_pool_argmax.js';
import { heapF32, runOriginal, sizeOf, type TensorInfo, type WasmKernelArgs } from './kernel_util.js';

/** Replacement MaxPoolGrad kernel: inputs {dy, input, output}, attrs {filterSize, strides, pad, dimRoundingMode}. */
export function maxPoolGrad(args: WasmKernelArgs): TensorInfo {
  const { backend } = args;
  const { dy, input } = args.inputs;
  if (input.dtype !== 'float32' || dy.dtype !== 'float32') return runOriginal('MaxPoolGrad', backend, args.inputs, args.attrs);
  const info = poolInfo(input.shape, args.attrs);
  const at = new Int32Array(sizeOf(dy.shape));
  firstMaxima(heapF32(backend, input), info, at);
  const dx = backend.makeOutput(input.shape, 'float32');
  // Views only after the last allocation: allocating may grow and detach the heap.
  const out = heapF32(backend, dx);
  const g = heapF32(backend, dy);
  out.fill(0);
  for (let o = 0, n = at.length; o < n; o++) {
    const i = at[o];
    if (i >= 0) out[i] += g[o];
  }
  return dx;
}
