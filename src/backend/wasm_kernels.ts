/**
 * Kernel fixes for the wasm backend, installed into tfjs's global kernel registry so
 * that ordinary tfjs code (tf.matMul with transposes, the built-in gradients of
 * matMul / conv2d / gather / maxPool, tf.tanh) takes fast and correct paths without
 * knowing about them.
 * Each replacement composes the backend's original kernels (kept and reached through
 * `kernels/kernel_util.ts`); see shared/docs/substrate.md for the measured gaps.
 */
import '@tensorflow/tfjs-backend-wasm'; // registers the original wasm kernels we wrap
import { batchMatMul } from './kernels/batch_mat_mul.js';
import { conv2DBackpropFilter } from './kernels/conv2d_backprop_filter.js';
import { conv2DBackpropInput } from './kernels/conv2d_backprop_input.js';
import { installKernel, isInstalled, uninstallKernel, type WasmKernelFunc, type WasmMultiOutputKernelFunc } from './kernels/kernel_util.js';
import { maxPoolGrad } from './kernels/max_pool_grad.js';
import { maxPoolWithArgmax } from './kernels/max_pool_with_argmax.js';
import { identity } from './kernels/identity.js';
import { slice, unpack } from './kernels/slice.js';
import { tanh } from './kernels/tanh.js';
import { unsortedSegmentSum } from './kernels/unsorted_segment_sum.js';

/** Our replacements, by tfjs kernel name. */
const KERNELS: ReadonlyArray<readonly [string, WasmKernelFunc | WasmMultiOutputKernelFunc]> = [
  // Transposed and batched products hit a ~2 GFLOP/s scalar loop instead of XNNPACK.
  ['BatchMatMul', batchMatMul],
  // Not registered on wasm at all: conv2d gradients w.r.t. the filter fail.
  ['Conv2DBackpropFilter', conv2DBackpropFilter],
  // Registered but ~10x slower than the forward convolution.
  ['Conv2DBackpropInput', conv2DBackpropInput],
  // Wrong where a window's values are all <= 0 (its running maximum starts at the
  // smallest positive float), and ties go to the last maximum: the gradient of maxPool.
  ['MaxPoolGrad', maxPoolGrad],
  // The same bug in the same scan (values and indexes); not on any gradient path.
  ['MaxPoolWithArgmax', maxPoolWithArgmax],
  // Not registered on wasm: the gradient of gather (embeddings) fails.
  ['UnsortedSegmentSum', unsortedSegmentSum],
  // 15-24 ns/element against 1-2 for sigmoid.
  ['Tanh', tanh],
  // Copy the whole input out of wasm memory for every slice (unstack: once per piece).
  ['Slice', slice],
  ['Unpack', unpack],
  // Copies every clone, e.g. each tensor a gradient saves for the backward pass.
  ['Identity', identity],
];

/**
 * Install our wasm kernel replacements (see the list above and substrate.md).
 *
 * Idempotent: kernels already installed are skipped, so calling it twice is harmless.
 * Works before or after `tf.setBackend('wasm')`: the original kernels are looked up
 * when a kernel runs, and each replacement keeps the original's `setupFunc`, which the
 * engine runs on every `setBackend('wasm')` (installing later finds it already run).
 * Numerical results match the original kernels to float32 rounding.
 */
export function installWasmKernels(): void {
  for (const [name, kernelFunc] of KERNELS) installKernel(name, kernelFunc);
}

/**
 * Put the wasm backend's own kernels back: for A/B comparisons (benchmarks, tests) and
 * for ruling our kernels out when chasing a numerical difference.
 */
export function uninstallWasmKernels(): void {
  for (const [name] of KERNELS) uninstallKernel(name);
}

/** True when every replacement is the registered wasm kernel (for tests and diagnostics). */
export function wasmKernelsInstalled(): boolean {
  return KERNELS.every(([name]) => isInstalled(name));
}
