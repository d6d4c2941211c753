/**
 * MaxPoolWithArgmax for wasm (`tf.maxPoolWithArgmax`): the pooled values and the flat
 * index of each window's first maximum.
 *
 * The wasm backend's own kernel (tfjs-backend-wasm 4.22, C++) has the same running
 * maximum bug as its MaxPoolGrad (see max_pool_argmax.ts): for windows whose values are
 * all <= 0 both the values and the indexes are wrong, and ties give the last index.
 * tfjs's maxPool gradient does not use this kernel (it calls MaxPoolGrad), and nothing
 * of ours calls it; it is fixed because the fix is the same scan.
 *
 * Indexes as TensorFlow's: ((b * H + y) * W + x) * C + c with `includeBatchInIndex`,
 * else (y * W + x) * C + c. A window wholly in the padding gives -infinity and -1
 * (as the cpu backend).
 */
import { firstMaxima, poolInfo } from './max_pool_argmax.js';
import { heapF32, runOriginal, type TensorInfo, type WasmKernelArgs } from './kernel_util.js';

/** Replacement MaxPoolWithArgmax kernel: input {x}, attrs {filterSize, strides, pad, includeBatchInIndex}. */
export function maxPoolWithArgmax(args: WasmKernelArgs): TensorInfo[] {
  const { backend } = args;
  const { x } = args.inputs;
  if (x.dtype !== 'float32' || x.shape.length !== 4) {
    return runOriginal('MaxPoolWithArgmax', backend, args.inputs, args.attrs) as unknown as TensorInfo[];
  }
  const info = poolInfo(x.shape, args.attrs);
  const pooled = backend.makeOutput(info.outShape, 'float32');
  const indexes = backend.makeOutput(info.outShape, 'int32');
  // Views only after the last allocation: allocating may grow and detach the heap.
  const at = backend.typedArrayFromHeap(indexes) as Int32Array;
  const xs = heapF32(backend, x);
  const values = heapF32(backend, pooled);
  firstMaxima(xs, info, at);
  const perImage = info.inHeight * info.inWidth * info.inChannels;
  const perOutput = info.outHeight * info.outWidth * info.outChannels;
  const withBatch = args.attrs.includeBatchInIndex === true;
  for (let o = 0, n = at.length; o < n; o++) {
    const i = at[o];
    values[o] = i >= 0 ? xs[i] : -Infinity;
    if (i >= 0 && !withBatch) at[o] = i - Math.floor(o / perOutput) * perImage;
  }
  return [pooled, indexes];
}
