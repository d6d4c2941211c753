/**
 * A 2-D convolution on NHWC images: preact = conv2d(x, kernel) + bias, out = f(preact).
 *
 * In target space (paper sec. 3, the CNN experiments of sec. 4) its targets are the
 * pre-activation sums at every output position of every X̄ image, [n, H_out, W_out, filters],
 * and its design matrix is the im2col patch matrix of its input (src/nn/patches.ts) made
 * with exactly this layer's stride and padding, so that
 * `design(x) @ [reshape(kernel, [kh*kw*C_in, filters]); bias]` equals `preact` row by row.
 */
import * as tf from '@tensorflow/tfjs';
import { activate, type Activation } from './activations.js';
import { kernelInit, zeros } from './initialisers.js';
import type { Applied, Layer, LayerParams, LinearForm, ParamSpec, Shape } from './layer.js';
import { explicitPadding, extractPatches, pair, windowGeometry, type Padding, type Pair, type WindowGeometry } from './patches.js';

export interface Conv2DConfig {
  type: 'conv2d';
  /** Output channels. */
  filters: number;
  /** Window size: a number or [rows, cols]. */
  kernelSize: Pair;
  /** Default 1. */
  strides?: Pair;
  /** TensorFlow's rules; default 'same'. */
  padding?: Padding;
  /** Default `linear`; the paper's CNNs use leaky relu (alpha 0.2, see parseActivation). */
  activation?: Activation;
  /** Default true. */
  bias?: boolean;
}

export class Conv2D implements Layer {
  readonly type = 'conv2d';
  readonly outputShape: Shape;
  readonly linear: LinearForm;
  private readonly kernelSize: [number, number];
  private readonly strides: [number, number];
  private readonly padding: Padding;
  private readonly act: Activation;
  private readonly bias: boolean;
  private readonly channels: number;

  constructor(readonly config: Conv2DConfig, readonly inputShape: Shape) {
    if (!Number.isInteger(config.filters) || config.filters < 1) throw new Error(`conv2d: filters must be a positive integer, got ${config.filters}.`);
    this.kernelSize = pair(config.kernelSize, 'conv2d', 'kernelSize');
    this.strides = pair(config.strides ?? 1, 'conv2d', 'strides');
    this.padding = config.padding ?? 'same';
    this.act = config.activation ?? { name: 'linear' };
    this.bias = config.bias ?? true;
    this.outputShape = this.outputShapeFor(inputShape);
    this.channels = inputShape[2];
    this.linear = {
      units: config.filters,
      design: (x) => this.design(x),
      fromSolution: (w) => this.fromSolution(w),
      targetShape: (n, input) => [n, ...this.outputShapeFor(input)],
      activateTargets: (t) => activate(this.act, t),
    };
  }

  /** [H_out, W_out, filters]; throws for non-image inputs or a window that does not fit. */
  outputShapeFor(input: Shape): Shape {
    const g = this.geometry(input);
    return [g.rows.out, g.cols.out, this.config.filters];
  }

  paramSpecs(): ParamSpec[] {
    const [kh, kw] = this.kernelSize;
    const { filters } = this.config;
    const shape = [kh, kw, this.channels, filters];
    // Keras's fans for convolutions: the receptive field times the channels in or out.
    const fanIn = kh * kw * this.channels;
    const fanOut = kh * kw * filters;
    const specs: ParamSpec[] = [{ name: 'kernel', shape, init: (seed) => kernelInit(this.act.name, shape, fanIn, fanOut, seed) }];
    if (this.bias) specs.push({ name: 'bias', shape: [filters], init: () => zeros([filters]) });
    return specs;
  }

  /** @param x [batch, H, W, C_in] → out and preact [batch, H_out, W_out, filters] */
  apply(params: LayerParams, x: tf.Tensor): Applied {
    // Explicit rather than 'same': wasm's 'same' is wrong when the stride exceeds the kernel (see explicitPadding).
    const pad = explicitPadding(this.geometry(x.shape.slice(1)));
    let z: tf.Tensor = tf.conv2d(x as tf.Tensor4D, params.kernel as tf.Tensor4D, this.strides, pad);
    if (this.bias) z = tf.add(z, params.bias);
    return { out: activate(this.act, z), preact: z };
  }

  /** The im2col patch matrix [n * H_out * W_out, kh*kw*C_in (+1)] with this layer's stride and padding. */
  private design(x: tf.Tensor): tf.Tensor2D {
    if (x.rank !== 4 || x.shape[3] !== this.channels) {
      throw new Error(`conv2d: expected inputs [batch, H, W, ${this.channels}], got [${x.shape}].`);
    }
    return extractPatches(x as tf.Tensor4D, this.geometry(x.shape.slice(1)), this.bias);
  }

  private geometry(input: Shape): WindowGeometry {
    return windowGeometry(input, this.kernelSize, this.strides, this.padding, 'conv2d');
  }

  /** W [kh*kw*C_in (+1), filters] → kernel [kh, kw, C_in, filters] and bias [filters] (the last row). */
  private fromSolution(w: tf.Tensor2D): LayerParams {
    const [kh, kw] = this.kernelSize;
    const fanIn = kh * kw * this.channels;
    const shape = [kh, kw, this.channels, this.config.filters];
    if (!this.bias) return { kernel: tf.reshape(w, shape) };
    return {
      kernel: tf.reshape(tf.slice(w, [0, 0], [fanIn, -1]), shape),
      bias: tf.reshape(tf.slice(w, [fanIn, 0], [1, -1]), [this.config.filters]),
    };
  }
}
