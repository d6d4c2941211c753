/**
 * Identity (tf.clone) for wasm without a copy. tfjs clones every tensor a gradient saves
 * for the backward pass, and the wasm backend's Identity copies the values (~20 ms per
 * target-space CNN step: bench/cnn.bench.ts). Tensors are immutable and the wasm backend
 * reference-counts its data (its Reshape shares data the same way), so the clone can
 * share the input's memory, as the cpu backend's Identity does.
 */
import type { TensorInfo, WasmKernelArgs } from './kernel_util.js';
import { runOriginal } from './kernel_util.js';

/** Replacement Identity kernel: inputs {x}. */
export function identity(args: WasmKernelArgs): TensorInfo {
  const { backend } = args;
  const { x } = args.inputs;
  if (x.dtype === 'string') return runOriginal('Identity', backend, args.inputs, args.attrs);
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}
