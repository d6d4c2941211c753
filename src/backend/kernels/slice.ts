/**
 * Slice and Unpack for wasm without copying the whole input. tfjs-backend-wasm 4.22's
 * Slice reads its input with `readSync`, which copies the entire tensor out of wasm
 * memory for every slice; Unpack (tf.unstack) slices once per piece, so unstacking a
 * [90, 100, 43] sequence copied it 90 times (~90 ms). Contiguous slices here copy just
 * their own values from a view of the heap; other slices use the original kernel.
 */
import { slice_util, util } from '@tensorflow/tfjs';
import { runOriginal, type TensorInfo, type WasmKernelArgs } from './kernel_util.js';

/** Replacement Slice kernel: inputs {x}, attrs {begin, size}. */
export function slice(args: WasmKernelArgs): TensorInfo {
  const { backend } = args;
  const { x } = args.inputs;
  const [begin, size] = slice_util.parseSliceParams(x, args.attrs.begin as number[], args.attrs.size as number[]);
  if (x.dtype === 'string' || !slice_util.isSliceContinous(x.shape, begin, size)) return runOriginal('Slice', backend, args.inputs, args.attrs);
  const offset = slice_util.computeFlatOffset(begin, util.computeStrides(x.shape));
  const out = backend.makeOutput(size, x.dtype);
  // Views only after the allocation above: growing the heap detaches older views.
  backend.typedArrayFromHeap(out).set(backend.typedArrayFromHeap(x).subarray(offset, offset + util.sizeFromShape(size)));
  return out;
}

/** Replacement Unpack kernel (tf.unstack): inputs {value}, attrs {axis}. */
export function unpack(args: WasmKernelArgs): TensorInfo[] {
  const { backend } = args;
  const { value } = args.inputs;
  const axis = (args.attrs.axis as number) < 0 ? (args.attrs.axis as number) + value.shape.length : (args.attrs.axis as number);
  if (axis !== 0 || value.dtype === 'string') {
    // Other axes are strided: fall back to the original (through our Slice it still copies per piece).
    return runOriginal('Unpack', backend, args.inputs, args.attrs) as unknown as TensorInfo[];
  }
  const [count, ...rest] = value.shape;
  const piece = util.sizeFromShape(rest);
  const outs: TensorInfo[] = [];
  for (let i = 0; i < count; i++) {
    const out = backend.makeOutput(rest, value.dtype);
    backend.typedArrayFromHeap(out).set(backend.typedArrayFromHeap(value).subarray(i * piece, (i + 1) * piece));
    outs.push(out);
  }
  return outs;
}
