/**
 * Tanh for wasm as 2*sigmoid(2x) - 1.
 *
 * The original wasm tanh costs 15-24 ns per element against 1-2 for its sigmoid
 * (shared/docs/substrate.md); a JS loop with Math.tanh or Math.exp is no better
 * (~15 ns). So: scale by 2 in a JS loop (memory-bound, ~1 ns), the wasm Sigmoid
 * kernel, then 2s - 1 in place. Near 0 the subtraction cancels (absolute error
 * ~1e-7, a large relative error for tiny x), so there a Taylor polynomial is used,
 * which keeps the relative error at float32 rounding everywhere. The registered
 * gradient of Tanh uses only its output y (dy * (1 - y^2)), so it is unaffected.
 */
import { disposeAll, heapF32, runOriginal, type TensorInfo, type WasmKernelArgs } from './kernel_util.js';

/** Below this |x| the series is used: its first dropped term is ~1e-13 relative there,
 * while 2*sigmoid(2x)-1 has relative error 1.2e-7/|x| <= 1.2e-6 above it. */
const SERIES_LIMIT_SQ = 0.1 * 0.1;

/** Replacement Tanh kernel: input {x} (float32), output same shape. */
export function tanh(args: WasmKernelArgs): TensorInfo {
  const { backend } = args;
  const { x } = args.inputs;
  if (x.dtype !== 'float32') return runOriginal('Tanh', backend, args.inputs, args.attrs);
  const twoX = backend.makeOutput(x.shape, 'float32');
  const src = heapF32(backend, x);
  const dbl = heapF32(backend, twoX);
  for (let i = 0, n = dbl.length; i < n; i++) dbl[i] = 2 * src[i];
  const y = runOriginal('Sigmoid', backend, { x: twoX });
  disposeAll(backend, twoX);
  const s = heapF32(backend, y);
  const xs = heapF32(backend, x); // re-fetched: the Sigmoid output may have grown the heap
  const n = s.length;
  for (let i = 0; i < n; i++) {
    // One comparison on x^2 and an inline series: V8 compiles this to a select, where
    // a two-sided test on x with a helper call mispredicts and ran 4x slower.
    const v = xs[i];
    const v2 = v * v;
    s[i] = v2 < SERIES_LIMIT_SQ
      ? v * (1 + v2 * (-1 / 3 + v2 * (2 / 15 + v2 * (-17 / 315 + v2 * (62 / 2835)))))
      : 2 * s[i] - 1;
  }
  return y;
}
