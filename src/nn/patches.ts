/**
 * Sliding-window geometry (TensorFlow's 'same'/'valid' rules) and the im2col patch
 * matrix, the design matrix of a target-space convolution (the CNNs of the paper's
 * experiments; "Convolutions" in shared/docs/method.md).
 *
 * The patch matrix must use exactly the convolution's own stride and padding, or the
 * weights solved from it do not produce the targets (the reference code got this wrong
 * for strides other than 1). Both conv2d.ts and pooling.ts take their geometry from
 * {@link windowGeometry}, so the shapes, the padding and the patches agree by construction.
 */
import * as tf from '@tensorflow/tfjs';
import { computeTensor } from '../backend/host_arrays.js';

export type Padding = 'same' | 'valid';

/** One spatial axis of a sliding window: output length and the padding before it. */
export interface AxisGeometry {
  readonly in: number;
  readonly out: number;
  readonly kernel: number;
  readonly stride: number;
  /** Zero rows (or columns) added before the input: TF puts the odd one after. */
  readonly padBefore: number;
  /** Zero rows (or columns) added after the input. */
  readonly padAfter: number;
}

export interface WindowGeometry {
  readonly rows: AxisGeometry;
  readonly cols: AxisGeometry;
}

/** A number or a [rows, cols] pair, as given in a layer configuration. */
export type Pair = number | readonly [number, number];

/** Expand a {@link Pair} and check that both entries are positive integers. */
export function pair(v: Pair, layer: string, what: string): [number, number] {
  if (typeof v !== 'number' && !(Array.isArray(v) && v.length === 2)) {
    throw new Error(`${layer}: ${what} must be a number or a [rows, cols] pair, got ${JSON.stringify(v)}.`);
  }
  const p: [number, number] = typeof v === 'number' ? [v, v] : [v[0], v[1]];
  if (!p.every((d) => Number.isInteger(d) && d >= 1)) throw new Error(`${layer}: ${what} must be positive integers, got ${JSON.stringify(v)}.`);
  return p;
}

/**
 * TensorFlow's rule: 'valid' keeps only windows inside the input, out = floor((in - k) / s) + 1;
 * 'same' gives out = ceil(in / s) with pad_total = max((out - 1) s + k - in, 0), of which
 * floor(pad_total / 2) goes before.
 */
function axis(size: number, kernel: number, stride: number, padding: Padding, layer: string, name: string): AxisGeometry {
  if (padding === 'valid') {
    if (kernel > size) {
      throw new Error(`${layer}: the window (${kernel}) is larger than the input ${name} (${size}) with 'valid' padding; use padding 'same' or a smaller window.`);
    }
    return { in: size, out: Math.floor((size - kernel) / stride) + 1, kernel, stride, padBefore: 0, padAfter: 0 };
  }
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + kernel - size, 0);
  const padBefore = Math.floor(total / 2);
  return { in: size, out, kernel, stride, padBefore, padAfter: total - padBefore };
}

/**
 * The geometry of a 2-D sliding window on a per-example NHWC input shape [H, W, C].
 * @throws for inputs that are not [H, W, C] images or windows that do not fit.
 */
export function windowGeometry(input: readonly number[], kernel: [number, number], strides: [number, number], padding: Padding, layer: string): WindowGeometry {
  if (padding !== 'same' && padding !== 'valid') throw new Error(`${layer}: padding must be 'same' or 'valid', got '${padding as string}'.`);
  if (input.length !== 3 || !input.every((d) => Number.isInteger(d) && d >= 1)) {
    throw new Error(`${layer}: needs image inputs [height, width, channels] per example (NHWC), got [${input}]; reshape the data to [batch, height, width, channels].`);
  }
  return {
    rows: axis(input[0], kernel[0], strides[0], padding, layer, 'height'),
    cols: axis(input[1], kernel[1], strides[1], padding, layer, 'width'),
  };
}

/**
 * The geometry's padding as an explicit NHWC padding for tfjs ops.
 *
 * Convolutions pass this rather than 'same': tfjs-backend-wasm 4.22 hands 'same' to
 * XNNPACK as its TensorFlow-SAME flag, which returns wrong values when the stride exceeds
 * the kernel (e.g. k=2, s=3); explicit padding is the same arithmetic and always right.
 */
export function explicitPadding(g: WindowGeometry): [[number, number], [number, number], [number, number], [number, number]] {
  return [[0, 0], [g.rows.padBefore, g.rows.padAfter], [g.cols.padBefore, g.cols.padAfter], [0, 0]];
}

/**
 * The im2col patch matrix of a batch of images.
 *
 * Row r = (b * H_out + oy) * W_out + ox holds the window of image b read by output
 * position (oy, ox), zero where it overhangs the padding; columns are ordered
 * (kernel row, kernel column, input channel), so that `reshape(kernel, [kh*kw*C, filters])`
 * matches, followed by a column of ones when `bias` is set. Then
 * `patches(x) @ [reshape(kernel); bias] = conv2d(x, kernel) + bias` reshaped to rows.
 *
 * Differentiable in x (the loss flows back through a later layer's design matrix to the
 * earlier layers' targets): the gradient is the matching col2im, a scatter-add.
 *
 * Why plain loops rather than tf ops: every tfjs composition measured here was slower
 * (bench/cnn.bench.ts). Slicing each of the kh*kw offsets and concatenating them runs
 * through per-row JS copies in the wasm Slice/Concat kernels, and its gradient pads and
 * sums kh*kw full-size tensors; a convolution with a one-hot filter costs
 * (kh*kw*C)^2 multiply-adds per output position. The loops copy each value once, in
 * place in wasm memory (src/backend/host_arrays.ts). They read the tensor's values
 * synchronously, which is cheap on the cpu and wasm backends (on WebGL, a download).
 *
 * @param x [n, H, W, C]
 * @returns [n * H_out * W_out, kh * kw * C (+ 1)]
 */
export function extractPatches(x: tf.Tensor4D, g: WindowGeometry, bias: boolean): tf.Tensor2D {
  const [n, h, w, c] = x.shape;
  if (h !== g.rows.in || w !== g.cols.in) throw new Error(`patches: input is ${h}x${w} but the geometry was made for ${g.rows.in}x${g.cols.in}.`);
  const rows = n * g.rows.out * g.cols.out;
  const d = columns(g, c, bias);
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const input = args[0] as tf.Tensor4D;
    const value = computeTensor([rows, d], [input], (out, image) => {
      copyRuns(out, image, n, c, g, bias, 'gather');
      if (bias) for (let r = 0; r < rows; r++) out[r * d + d - 1] = 1;
    });
    return {
      value,
      gradFunc: (dy: tf.Tensor) => computeTensor([n, h, w, c], [dy], (image, patches) => copyRuns(patches, image, n, c, g, bias, 'scatter')),
    };
  });
  return op(x) as tf.Tensor2D;
}

function columns(g: WindowGeometry, c: number, bias: boolean): number {
  return g.rows.kernel * g.cols.kernel * c + (bias ? 1 : 0);
}

/**
 * Move values between the patch matrix and the image, one run of window cells at a time:
 * `gather` copies image → patches (im2col; the patches start zeroed), `scatter` adds
 * patches → image (its adjoint, col2im; the image starts zeroed). A window row's cells
 * inside the image are adjacent both in the image (whatever the stride, which only moves
 * the window) and in the patch row, so each run is one contiguous loop; cells in the
 * padding are skipped (their patch entries stay zero). One function with a flag rather
 * than a callback: V8 then compiles the inner loop in place, about 3x faster here.
 */
function copyRuns(patches: Float32Array, image: Float32Array, n: number, c: number, g: WindowGeometry, bias: boolean, mode: 'gather' | 'scatter'): void {
  const { rows: R, cols: C } = g;
  const d = columns(g, c, bias);
  const gather = mode === 'gather';
  let row = 0;
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < R.out; oy++) {
      for (let ox = 0; ox < C.out; ox++, row++) {
        const x0 = ox * C.stride - C.padBefore;
        const jStart = Math.max(0, -x0);
        const len = (Math.min(C.kernel, C.in - x0) - jStart) * c;
        for (let i = 0; i < R.kernel && len > 0; i++) {
          const y = oy * R.stride + i - R.padBefore;
          if (y < 0 || y >= R.in) continue;
          const dst = row * d + (i * C.kernel + jStart) * c;
          const src = ((b * R.in + y) * C.in + x0 + jStart) * c;
          if (gather) for (let q = 0; q < len; q++) patches[dst + q] = image[src + q];
          else for (let q = 0; q < len; q++) image[src + q] += patches[dst + q];
        }
      }
    }
  }
}
