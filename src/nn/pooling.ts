/**
 * 2-D max and average pooling on NHWC images (the paper's CNNs put a 2x2 max-pool after
 * every second convolution, sec. 4). Parameterless: in target space realisation simply
 * runs them on the X̄ stream (sec. 2.4).
 */
import * as tf from '@tensorflow/tfjs';
import { computeTensor } from './host_arrays.js';
import type { Applied, Layer, LayerParams, ParamSpec, Shape } from './layer.js';
import { pair, windowGeometry, type Padding, type Pair, type WindowGeometry } from './patches.js';

export interface Pooling2DConfig {
  type: 'maxpool2d' | 'avgpool2d';
  /** Window size: a number or [rows, cols]. */
  poolSize: Pair;
  /** Default: the pool size (non-overlapping windows). */
  strides?: Pair;
  /** TensorFlow's rules; default 'valid'. */
  padding?: Padding;
}

export class Pooling2D implements Layer {
  readonly type: 'maxpool2d' | 'avgpool2d';
  readonly outputShape: Shape;
  private readonly poolSize: [number, number];
  private readonly strides: [number, number];
  private readonly padding: Padding;

  constructor(readonly config: Pooling2DConfig, readonly inputShape: Shape) {
    if (config.type !== 'maxpool2d' && config.type !== 'avgpool2d') throw new Error(`pooling: unknown type '${config.type as string}': use maxpool2d or avgpool2d.`);
    this.type = config.type;
    this.poolSize = pair(config.poolSize, config.type, 'poolSize');
    this.strides = pair(config.strides ?? this.poolSize, config.type, 'strides');
    this.padding = config.padding ?? 'valid';
    this.outputShape = this.outputShapeFor(inputShape);
  }

  /** [H_out, W_out, C]; throws for non-image inputs or a window that does not fit. */
  outputShapeFor(input: Shape): Shape {
    const g = windowGeometry(input, this.poolSize, this.strides, this.padding, this.type);
    return [g.rows.out, g.cols.out, input[2]];
  }

  paramSpecs(): ParamSpec[] {
    return [];
  }

  /** @param x [batch, H, W, C] → [batch, H_out, W_out, C] */
  apply(_params: LayerParams, x: tf.Tensor): Applied {
    const x4 = x as tf.Tensor4D;
    if (this.type === 'avgpool2d') return { out: tf.avgPool(x4, this.poolSize, this.strides, this.padding) };
    if (tf.getBackend() !== 'wasm') return { out: tf.maxPool(x4, this.poolSize, this.strides, this.padding) };
    return { out: maxPoolWasm(x4, windowGeometry(x.shape.slice(1), this.poolSize, this.strides, this.padding, this.type), this.padding) };
  }
}

/**
 * Max pooling with a correct gradient on the wasm backend.
 *
 * tfjs-backend-wasm 4.22's MaxPoolGrad (and MaxPoolWithArgmax) start each window's
 * running maximum at `std::numeric_limits<float>::min()`, the smallest *positive* float,
 * so a window whose values are all <= 0 loses its gradient (it goes nowhere, or to the
 * tensor's very first element), and ties go to the last maximum. After a leaky-relu
 * convolution such windows are common.
 * The forward pass (XNNPACK) is right, so only the gradient is replaced: each window's
 * first maximum, as TensorFlow picks it, receives the window's output gradient.
 * Values are read in place in wasm memory (src/nn/host_arrays.ts).
 * @param x [batch, H, W, C] → [batch, H_out, W_out, C]
 */
function maxPoolWasm(x: tf.Tensor4D, g: WindowGeometry, padding: Padding): tf.Tensor4D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, save] = args as [tf.Tensor4D, tf.GradSaveFunc];
    save([input]);
    return {
      value: tf.maxPool(input, [g.rows.kernel, g.cols.kernel], [g.rows.stride, g.cols.stride], padding),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => computeTensor(saved[0].shape, [saved[0], dy], (dx, xv, dyv) => maxPoolGrad(dx, xv, dyv, saved[0].shape, g)),
    };
  });
  return op(x) as tf.Tensor4D;
}

/**
 * dx (zeroed): each output's gradient added to its window's first maximum (windows clipped to the
 * image, as TF pads max-pooling with -infinity). The running maxima of all channels are
 * kept side by side so that every inner loop walks contiguous channels.
 */
function maxPoolGrad(dx: Float32Array, x: Float32Array, dy: Float32Array, shape: number[], g: WindowGeometry): void {
  const [n, h, w, c] = shape;
  const { rows: R, cols: C } = g;
  const best = new Float32Array(c);
  const at = new Int32Array(c);
  let o = 0;
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < R.out; oy++) {
      const y0 = Math.max(oy * R.stride - R.padBefore, 0);
      const y1 = Math.min(oy * R.stride - R.padBefore + R.kernel, h);
      for (let ox = 0; ox < C.out; ox++, o += c) {
        const x0 = Math.max(ox * C.stride - C.padBefore, 0);
        const x1 = Math.min(ox * C.stride - C.padBefore + C.kernel, w);
        if (y1 <= y0 || x1 <= x0) continue;
        const first = ((b * h + y0) * w + x0) * c;
        for (let q = 0; q < c; q++) {
          best[q] = x[first + q];
          at[q] = first + q;
        }
        for (let y = y0; y < y1; y++) {
          for (let xq = y === y0 ? x0 + 1 : x0; xq < x1; xq++) {
            const base = ((b * h + y) * w + xq) * c;
            for (let q = 0; q < c; q++) {
              const v = x[base + q];
              // NaN never wins (as in TF), except as the only candidate left from the first cell.
              if (v > best[q] || (best[q] !== best[q] && v === v)) {
                best[q] = v;
                at[q] = base + q;
              }
            }
          }
        }
        for (let q = 0; q < c; q++) dx[at[q]] += dy[o + q];
      }
    }
  }
}
