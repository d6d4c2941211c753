/**
 * UnsortedSegmentSum for wasm, which has none (shared/docs/substrate.md): it is the
 * gradient of `tf.gather`, so without it embeddings cannot be trained on wasm.
 *
 * A plain JS loop over the wasm heap: each input row is added into the output row its
 * segment id names. The work is one pass over x (memory-bound), so there is nothing
 * for C++ to win. Semantics as TensorFlow's: output shape
 * [numSegments, ...x.shape.slice(segmentIds.rank)]; ids outside [0, numSegments) are
 * dropped (TensorFlow drops negative ids).
 */
import { sizeOf, type TensorInfo, type WasmKernelArgs } from './kernel_util.js';

/** Replacement (new) UnsortedSegmentSum kernel: inputs {x, segmentIds}, attrs {numSegments}. */
export function unsortedSegmentSum(args: WasmKernelArgs): TensorInfo {
  const { backend } = args;
  const { x, segmentIds } = args.inputs;
  const numSegments = args.attrs.numSegments as number;
  const rows = sizeOf(segmentIds.shape);
  const rowShape = x.shape.slice(segmentIds.shape.length);
  const width = sizeOf(rowShape);
  const out = backend.makeOutput([numSegments, ...rowShape], x.dtype);
  // Views only after the last allocation: allocating may grow and detach the heap.
  const dst = backend.typedArrayFromHeap(out);
  const src = backend.typedArrayFromHeap(x);
  const ids = backend.typedArrayFromHeap(segmentIds);
  dst.fill(0);
  for (let r = 0; r < rows; r++) {
    const id = ids[r];
    if (id < 0 || id >= numSegments) continue;
    const s0 = r * width;
    const d0 = id * width;
    for (let j = 0; j < width; j++) dst[d0 + j] += src[s0 + j];
  }
  return out;
}
