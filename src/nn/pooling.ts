/**
 * 2-D max and average pooling on NHWC images (the paper's CNNs put a 2x2 max-pool after
 * every second convolution, sec. 4). Parameterless: in target space realisation simply
 * runs them on the X̄ stream (sec. 2.4).
 *
 * Plain tfjs ops: the wasm backend's wrong max-pool gradient (tfjs-backend-wasm 4.22)
 * is fixed by our MaxPoolGrad kernel (src/backend/kernels/max_pool_grad.ts), not here.
 */
import * as tf from '@tensorflow/tfjs';
import type { Applied, Layer, LayerParams, ParamSpec, Shape } from './layer.js';
import { pair, windowGeometry, type Padding, type Pair } from './patches.js';

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
    const pool = this.type === 'avgpool2d' ? tf.avgPool : tf.maxPool;
    return { out: pool(x4, this.poolSize, this.strides, this.padding) };
  }
}
