/**
 * Backend selection: the only place that picks a TensorFlow.js backend.
 *
 * The library itself never chooses one (no global state in library code); the CLI, the
 * tests, the benchmarks and the playground call {@link useBackend} once at start-up.
 * In Node the fast backend is wasm (see shared/docs/substrate.md); in the browser WebGL,
 * with wasm and cpu as fallbacks.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { installWasmKernels } from './wasm_kernels.js';

export type BackendName = 'wasm' | 'cpu' | 'webgl';

/**
 * Select and initialise a backend, installing our kernel fixes for wasm.
 * @param preferred backends to try in order; the first that initialises wins.
 * @returns the name of the backend in use.
 */
export async function useBackend(preferred: BackendName | BackendName[] = 'wasm'): Promise<BackendName> {
  const order = Array.isArray(preferred) ? preferred : [preferred];
  for (const name of order) {
    if (name === 'wasm') installWasmKernels();
    let ok = false;
    try {
      ok = await tf.setBackend(name);
    } catch {
      ok = false;
    }
    if (ok) {
      await tf.ready();
      return name;
    }
  }
  throw new Error(`None of the TensorFlow.js backends ${order.join(', ')} could be initialised.`);
}
