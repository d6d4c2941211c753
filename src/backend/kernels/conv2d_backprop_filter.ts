/**
 * Conv2DBackpropFilter for wasm, which has none (shared/docs/substrate.md), so that
 * `tf.grad` through `tf.conv2d` works.
 *
 * The filter gradient is itself a correlation, with the roles of the operands
 * swapped:
 *   dW[kh, kw, ci, co] = sum_{b, oh, ow} x[b, oh*s + kh - top, ow*s + kw - left, ci] * dy[b, oh, ow, co].
 * Read x as a batch of Ci images [Ci, H, W, B] with B channels and dy as a filter
 * [OH, OW, B, Co] dilated by the stride s; one forward Conv2D (XNNPACK) with stride 1
 * and the forward pass's padding then gives [Ci, KH, KW, Co]. Two transposes bring the
 * operands in and one takes the result out. It costs ~2.5 forward convolutions: XNNPACK
 * packs its filter operand afresh for every new tensor (~6 ns a float), and here that
 * operand is dy, far bigger than a filter (bench/kernels.bench.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { disposeAll, runOriginal, transpose, type TensorInfo, type WasmKernelArgs } from './kernel_util.js';

/** Replacement (new) Conv2DBackpropFilter kernel: inputs {x, dy}, attrs as tfjs-core's op. */
export function conv2DBackpropFilter(args: WasmKernelArgs): TensorInfo {
  const { backend, attrs } = args;
  const { x, dy } = args.inputs;
  const filterShape = attrs.filterShape as [number, number, number, number];
  const channelsLast = (attrs.dataFormat ?? 'NHWC') === 'NHWC';
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    attrs.strides as number | [number, number],
    1,
    attrs.pad as 'same' | 'valid' | number | tf.backend_util.ExplicitPadding,
    attrs.dimRoundingMode as 'floor' | 'round' | 'ceil' | undefined,
    false,
    channelsLast ? 'channelsLast' : 'channelsFirst',
  );
  const { filterHeight: kh, filterWidth: kw, inHeight, inWidth, outHeight, outWidth } = info;
  const { strideHeight: sh, strideWidth: sw, padInfo } = info;

  // Bottom/right padding that makes the correlation's output exactly kh x kw; when
  // negative (trailing input rows no output reads), pad 0 and crop the result.
  const bottom = kh + (outHeight - 1) * sh - inHeight - padInfo.top;
  const right = kw + (outWidth - 1) * sw - inWidth - padInfo.left;

  const xT = transpose(backend, x, channelsLast ? [3, 1, 2, 0] : [1, 2, 3, 0]); // [Ci, H, W, B]
  const dyT = transpose(backend, dy, channelsLast ? [1, 2, 0, 3] : [2, 3, 0, 1]); // [OH, OW, B, Co]
  const corr = runOriginal('Conv2D', backend, { x: xT, filter: dyT }, {
    strides: [1, 1],
    dilations: [sh, sw],
    pad: [[0, 0], [padInfo.top, Math.max(bottom, 0)], [padInfo.left, Math.max(right, 0)], [0, 0]],
    dataFormat: 'NHWC',
    dimRoundingMode: undefined,
  } as unknown as tf.NamedAttrMap); // [Ci, >=KH, >=KW, Co]
  disposeAll(backend, xT, dyT);

  let cropped = corr;
  if (bottom < 0 || right < 0) {
    const [ci, , , co] = corr.shape;
    cropped = runOriginal('Slice', backend, { x: corr }, { begin: [0, 0, 0, 0], size: [ci, kh, kw, co] });
    disposeAll(backend, corr);
  }
  const dW = transpose(backend, cropped, [1, 2, 0, 3]); // [KH, KW, Ci, Co]
  disposeAll(backend, cropped);
  return dW;
}
