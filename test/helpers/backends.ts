import * as tf from '@tensorflow/tfjs';

/** Run f on the cpu backend (a reference) and come back to wasm. */
export async function onCpu<T>(f: () => T): Promise<T> {
  await tf.setBackend('cpu');
  try {
    return f();
  } finally {
    await tf.setBackend('wasm');
  }
}
