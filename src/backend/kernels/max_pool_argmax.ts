/**
 * The position of each max-pooling window's first maximum, shared by our MaxPoolGrad
 * and MaxPoolWithArgmax kernels for wasm.
 *
 * Why ours: tfjs-backend-wasm 4.22's C++ MaxPoolGrad and MaxPoolWithArgmax start each
 * window's running maximum at `std::numeric_limits<float>::min()`, the smallest
 * *positive* float, not at the lowest one. A window whose values are all <= 0 then never
 * finds its maximum (its gradient goes nowhere, or to the tensor's very first element),
 * and `>=` in the comparison hands ties to the last maximum. After a leaky-relu
 * convolution such windows are common. (The forward MaxPool is XNNPACK's and is right.)
 *
 * Semantics as TensorFlow's CPU kernels (SpatialMaxPoolWithArgMaxHelper): windows are
 * clipped to the image (padding never wins, as if padded with -infinity), the first
 * cell in row-major order starts the running maximum and a later cell replaces it only
 * when strictly greater, so the first maximum wins ties (and a NaN is kept only where
 * it is the first cell).
 */
import * as tf from '@tensorflow/tfjs';

/**
 * Fill `at` (length = product of `info.outShape`) with the flat NHWC index into x
 * (batch included) of each output's first maximum; -1 for a window that lies wholly in
 * the padding. The running maxima of all channels are kept side by side so that every
 * inner loop walks contiguous channels.
 * @param x the input values, [batch, inHeight, inWidth, channels]
 * @param info the geometry from `backend_util.computePool2DInfo` (dilation 1, NHWC)
 */
export function firstMaxima(x: Float32Array, info: tf.backend_util.Conv2DInfo, at: Int32Array): void {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, outHeight, outWidth } = info;
  const { strideHeight: sh, strideWidth: sw, filterHeight: kh, filterWidth: kw } = info;
  const { top, left } = info.padInfo;
  const best = new Float32Array(c);
  let o = 0;
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < outHeight; oy++) {
      const y0 = Math.max(oy * sh - top, 0);
      const y1 = Math.min(oy * sh - top + kh, h);
      for (let ox = 0; ox < outWidth; ox++, o += c) {
        const x0 = Math.max(ox * sw - left, 0);
        const x1 = Math.min(ox * sw - left + kw, w);
        if (y1 <= y0 || x1 <= x0) {
          at.fill(-1, o, o + c);
          continue;
        }
        const first = ((b * h + y0) * w + x0) * c;
        for (let q = 0; q < c; q++) {
          best[q] = x[first + q];
          at[o + q] = first + q;
        }
        for (let y = y0; y < y1; y++) {
          for (let xq = y === y0 ? x0 + 1 : x0; xq < x1; xq++) {
            const base = ((b * h + y) * w + xq) * c;
            for (let q = 0; q < c; q++) {
              const v = x[base + q];
              if (v > best[q]) {
                best[q] = v;
                at[o + q] = base + q;
              }
            }
          }
        }
      }
    }
  }
}

/** The pooling geometry of a MaxPool-family kernel's attributes, for an NHWC input. */
export function poolInfo(xShape: number[], attrs: tf.NamedAttrMap): tf.backend_util.Conv2DInfo {
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as tf.MaxPoolAttrs;
  return tf.backend_util.computePool2DInfo(xShape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode);
}
