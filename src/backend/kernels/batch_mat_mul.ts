/**
 * BatchMatMul for wasm that stays on XNNPACK's fast GEMM.
 *
 * The original kernel is fast only for a single untransposed product; with
 * `transposeA`/`transposeB` or a batch dimension it runs a scalar loop at ~2 GFLOP/s
 * against ~25 for the GEMM (shared/docs/substrate.md; re-measured by
 * bench/kernels.bench.ts). The built-in gradient of matMul uses transposed products,
 * so every backward pass used to take the slow path. Here transposes become explicit
 * wasm Transposes (memory-bound, cheap next to the product) and batches become
 * either one tall product (a batch of A times one B) or a loop of single products.
 * Measured, not fixable here: XNNPACK packs B afresh for every new tensor (4-15 ns a
 * float, cached per data id), so a transposed B, or a B that changes every training
 * step, pays that on top of the product.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  disposeAll,
  heapF32,
  runOriginal,
  sizeOf,
  transpose,
  view,
  type TensorInfo,
  type WasmKernelArgs,
} from './kernel_util.js';

/**
 * Below this many multiply-adds per batch entry the per-entry overhead of our loop
 * (~5 us: copies, an XNNPACK operator with freshly packed weights) outweighs the
 * original's scalar loop; measured crossover between 16^3 (ours 20% slower) and
 * 20^3 (ours 25% faster).
 */
const MIN_LOOP_WORK = 6000;

/** Operand shapes reduced to [batch, rows, cols] as stored (before any transpose). */
interface Operand {
  t: TensorInfo;
  batch: number;
  rows: number;
  cols: number;
  transposed: boolean;
}

function operand(t: TensorInfo, transposed: boolean): Operand {
  const r = t.shape.length;
  return { t, batch: sizeOf(t.shape.slice(0, -2)), rows: t.shape[r - 2], cols: t.shape[r - 1], transposed };
}

/**
 * The operand as an untransposed [batch, m, k] (or [k, n]) tensor: either a view of
 * the input (owned = false) or a new transposed copy that the caller must dispose.
 */
function materialise(backend: BackendWasm, o: Operand): { t: TensorInfo; owned: boolean } {
  const stored = view(o.t, [o.batch, o.rows, o.cols]);
  if (!o.transposed) return { t: stored, owned: false };
  return { t: transpose(backend, stored, [0, 2, 1]), owned: true };
}

function product(backend: BackendWasm, a: TensorInfo, b: TensorInfo): TensorInfo {
  return runOriginal('BatchMatMul', backend, { a, b }, { transposeA: false, transposeB: false });
}

/** A copy of entry i of a [batch, rows, cols] tensor as a new [1, rows, cols] tensor. */
function entry(backend: BackendWasm, t: TensorInfo, i: number): TensorInfo {
  const [, rows, cols] = t.shape;
  const out = backend.makeOutput([1, rows, cols], 'float32');
  heapF32(backend, out).set(heapF32(backend, t).subarray(i * rows * cols, (i + 1) * rows * cols));
  return out;
}

/**
 * One untransposed GEMM per batch entry. Each entry gets a fresh tensor (new data id)
 * rather than a reused buffer: the wasm kernel caches XNNPACK operators with the
 * weights (b) packed in, keyed by data id, so overwriting b in place gives stale results.
 */
function loopProduct(backend: BackendWasm, a: TensorInfo, b: TensorInfo, batch: number): TensorInfo {
  const [batchA, m] = a.shape;
  const [batchB, , n] = b.shape;
  const out = backend.makeOutput([batch, m, n], 'float32');
  for (let i = 0; i < batch; i++) {
    const ai = batchA === 1 ? a : entry(backend, a, i);
    const bi = batchB === 1 ? b : entry(backend, b, i);
    const ci = product(backend, ai, bi);
    // Views are fetched after the product: allocating may grow (and detach) the heap.
    heapF32(backend, out).set(heapF32(backend, ci), i * m * n);
    disposeAll(backend, ci);
    if (ai !== a) disposeAll(backend, ai);
    if (bi !== b) disposeAll(backend, bi);
  }
  return out;
}

/** Replacement BatchMatMul kernel: same inputs, attrs and results as the original. */
export function batchMatMul(args: WasmKernelArgs): TensorInfo {
  const { backend, attrs } = args;
  const { a, b } = args.inputs;
  const transposeA = attrs.transposeA === true;
  const transposeB = attrs.transposeB === true;
  const A = operand(a, transposeA);
  const B = operand(b, transposeB);
  const m = transposeA ? A.cols : A.rows;
  const k = transposeA ? A.rows : A.cols;
  const n = transposeB ? B.rows : B.cols;
  const batch = Math.max(A.batch, B.batch);
  // Any batch of A against a single B is one tall product (A's batch folded into m).
  const fold = B.batch === 1;
  const simpleBroadcast = A.batch === B.batch || A.batch === 1 || fold;
  const fast =
    a.dtype === 'float32' && b.dtype === 'float32' && simpleBroadcast && m * n * k > 0 &&
    (fold || m * n * k >= MIN_LOOP_WORK);
  if (!fast) return runOriginal('BatchMatMul', backend, args.inputs, attrs);

  const outShape = [
    ...tf.broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2)),
    m,
    n,
  ];
  const am = materialise(backend, A);
  const bm = materialise(backend, B);
  let out: TensorInfo;
  if (fold) {
    out = product(backend, view(am.t, [1, A.batch * m, k]), view(bm.t, [1, k, n]));
  } else {
    out = loopProduct(backend, am.t, bm.t, batch);
  }
  if (am.owned) disposeAll(backend, am.t);
  if (bm.owned) disposeAll(backend, bm.t);
  return { dataId: out.dataId, shape: outShape, dtype: out.dtype };
}
