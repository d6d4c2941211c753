/**
 * Shared plumbing for our wasm kernel replacements: installing a kernel over the
 * backend's own one, reaching the original kernels to compose them, and handling the
 * backend-level `TensorInfo`s that kernels pass around (not engine-tracked tensors, so
 * every intermediate must be freed by hand with `backend.disposeData`).
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export type TensorInfo = tf.TensorInfo;

/** What tfjs passes to a kernel function, typed for the wasm backend. */
export interface WasmKernelArgs {
  inputs: Record<string, TensorInfo>;
  backend: BackendWasm;
  attrs: tf.NamedAttrMap;
}

export type WasmKernelFunc = (args: WasmKernelArgs) => TensorInfo;

/** A kernel with several outputs (e.g. MaxPoolWithArgmax: values and indexes). */
export type WasmMultiOutputKernelFunc = (args: WasmKernelArgs) => TensorInfo[];

const BACKEND = 'wasm';

/**
 * Marks a registered config as ours and remembers the config it replaced (undefined
 * where the backend had none). `Symbol.for` so that two copies of this module (e.g.
 * a test runner that loads it twice) still agree: the kernel registry is global.
 */
const ORIGINAL = Symbol.for('targetspace.wasmKernels.original');

type OurConfig = tf.KernelConfig & { [ORIGINAL]?: tf.KernelConfig };

function isOurs(config: tf.KernelConfig | undefined): config is OurConfig {
  return config !== undefined && ORIGINAL in config;
}

/**
 * Register `kernelFunc` as the wasm kernel `name`, replacing the backend's own.
 * Idempotent: a kernel already installed by us is left alone. The original's
 * `setupFunc` is kept on our config so that the engine still calls it on
 * `setBackend('wasm')` (it binds the C++ functions the original kernelFunc needs);
 * when we install after the backend was initialised it has already run.
 */
export function installKernel(name: string, kernelFunc: WasmKernelFunc | WasmMultiOutputKernelFunc): void {
  const current = tf.getKernel(name, BACKEND);
  if (isOurs(current)) return;
  if (current !== undefined) tf.unregisterKernel(name, BACKEND);
  const config: OurConfig = {
    kernelName: name,
    backendName: BACKEND,
    kernelFunc: kernelFunc as unknown as tf.KernelFunc,
    setupFunc: current?.setupFunc,
    disposeFunc: current?.disposeFunc,
    [ORIGINAL]: current,
  };
  tf.registerKernel(config);
}

/** Put the backend's own kernel `name` back (or none, where it had none). No-op if not ours. */
export function uninstallKernel(name: string): void {
  const current = tf.getKernel(name, BACKEND);
  if (!isOurs(current)) return;
  tf.unregisterKernel(name, BACKEND);
  const original = current[ORIGINAL];
  if (original !== undefined) tf.registerKernel(original);
}

/** True when our replacement for `name` is the registered wasm kernel. */
export function isInstalled(name: string): boolean {
  return isOurs(tf.getKernel(name, BACKEND));
}

/** The backend's own kernel `name` (looked up at call time), or undefined if it has none. */
export function originalKernel(name: string): WasmKernelFunc | undefined {
  const current = tf.getKernel(name, BACKEND);
  const config = isOurs(current) ? current[ORIGINAL] : current;
  return config?.kernelFunc as unknown as WasmKernelFunc | undefined;
}

/** Run the backend's own kernel `name`; throws if the backend has none. */
export function runOriginal(
  name: string,
  backend: BackendWasm,
  inputs: Record<string, TensorInfo>,
  attrs: tf.NamedAttrMap = {},
): TensorInfo {
  const kernel = originalKernel(name);
  if (kernel === undefined) throw new Error(`wasm backend has no kernel ${name}`);
  return kernel({ inputs, backend, attrs });
}

/**
 * The same data seen with another shape. Not a new reference: do not dispose it.
 * Kernels only read `dataId`, so this is the zero-cost reshape.
 */
export function view(t: TensorInfo, shape: number[]): TensorInfo {
  return { dataId: t.dataId, shape, dtype: t.dtype };
}

/** Free backend data made inside a kernel (intermediates the engine never sees). */
export function disposeAll(backend: BackendWasm, ...infos: TensorInfo[]): void {
  for (const t of infos) backend.disposeData(t.dataId);
}

/** Transpose through the original wasm Transpose kernel (C++, no JS loop). */
export function transpose(backend: BackendWasm, x: TensorInfo, perm: number[]): TensorInfo {
  return runOriginal('Transpose', backend, { x }, { perm });
}

/** A float32 view of a tensor's data on the wasm heap. Re-fetch after any allocation:
 * growing the heap detaches older views. */
export function heapF32(backend: BackendWasm, t: TensorInfo): Float32Array {
  return backend.typedArrayFromHeap(t) as Float32Array;
}

/** Product of the dimensions (1 for a scalar). */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}
