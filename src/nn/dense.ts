/**
 * A fully connected layer: preact = x kernel + bias, out = f(preact). Inputs of rank > 1
 * per example (e.g. [steps, features]) are mapped along their last axis.
 */
import * as tf from '@tensorflow/tfjs';
import { activate, type Activation } from './activations.js';
import { kernelInit, zeros } from './initialisers.js';
import type { Applied, Layer, LayerParams, LinearForm, ParamSpec, Shape } from './layer.js';

export interface DenseConfig {
  type: 'dense';
  units: number;
  /** Default `linear` (logits, for an output layer). */
  activation?: Activation;
  /** Default true. */
  bias?: boolean;
}

export class Dense implements Layer {
  readonly type = 'dense';
  readonly outputShape: Shape;
  readonly linear: LinearForm;
  private readonly fanIn: number;
  private readonly act: Activation;
  private readonly bias: boolean;

  constructor(readonly config: DenseConfig, readonly inputShape: Shape) {
    if (!Number.isInteger(config.units) || config.units < 1) throw new Error(`dense: units must be a positive integer, got ${config.units}.`);
    if (inputShape.length < 1) throw new Error('dense: needs an input with at least one feature axis.');
    this.fanIn = inputShape[inputShape.length - 1];
    this.act = config.activation ?? { name: 'linear' };
    this.bias = config.bias ?? true;
    this.outputShape = this.outputShapeFor(inputShape);
    this.linear = {
      units: config.units,
      design: (x) => this.design(x),
      fromSolution: (w) => this.fromSolution(w),
      targetShape: (n, input) => [n, ...this.outputShapeFor(input)],
      activateTargets: (t) => activate(this.act, t),
    };
  }

  outputShapeFor(input: Shape): Shape {
    return [...input.slice(0, -1), this.config.units];
  }

  paramSpecs(): ParamSpec[] {
    const { units } = this.config;
    const specs: ParamSpec[] = [
      { name: 'kernel', shape: [this.fanIn, units], init: (seed) => kernelInit(this.act.name, [this.fanIn, units], this.fanIn, units, seed) },
    ];
    if (this.bias) specs.push({ name: 'bias', shape: [units], init: () => zeros([units]) });
    return specs;
  }

  apply(params: LayerParams, x: tf.Tensor): Applied {
    const lead = x.shape.slice(0, -1);
    const x2 = x.rank === 2 ? (x as tf.Tensor2D) : tf.reshape(x, [-1, this.fanIn]) as tf.Tensor2D;
    let z: tf.Tensor = tf.matMul(x2, params.kernel as tf.Tensor2D);
    if (this.bias) z = tf.add(z, params.bias);
    if (x.rank !== 2) z = tf.reshape(z, [...lead, this.config.units]);
    return { out: activate(this.act, z), preact: z };
  }

  /** [rows x (fanIn + 1)]: the inputs, then a column of ones for the bias. */
  private design(x: tf.Tensor): tf.Tensor2D {
    const x2 = tf.reshape(x, [-1, this.fanIn]) as tf.Tensor2D;
    return this.bias ? tf.concat([x2, tf.ones([x2.shape[0], 1])], 1) : x2;
  }

  private fromSolution(w: tf.Tensor2D): LayerParams {
    if (!this.bias) return { kernel: w };
    return { kernel: tf.slice(w, [0, 0], [this.fanIn, -1]), bias: tf.reshape(tf.slice(w, [this.fanIn, 0], [1, -1]), [this.config.units]) };
  }
}
