/**
 * Flatten each example to a vector, e.g. [H, W, C] → [H*W*C] between the convolutional
 * and the dense part of a CNN (dense layers otherwise map along the last axis only).
 * Row-major (NHWC) order, as Keras's Flatten with channels-last data.
 */
import * as tf from '@tensorflow/tfjs';
import { size, type Applied, type Layer, type LayerParams, type ParamSpec, type Shape } from './layer.js';

export interface FlattenConfig {
  type: 'flatten';
}

export class Flatten implements Layer {
  readonly type = 'flatten';
  readonly outputShape: Shape;

  constructor(readonly config: FlattenConfig, readonly inputShape: Shape) {
    this.outputShape = this.outputShapeFor(inputShape);
  }

  outputShapeFor(input: Shape): Shape {
    if (input.some((d) => d < 1)) {
      throw new Error(`flatten: needs a fixed per-example shape, got [${input}] (a free dimension such as sequence length cannot be flattened).`);
    }
    return [size(input)];
  }

  paramSpecs(): ParamSpec[] {
    return [];
  }

  /** @param x [batch, ...inputShape] → [batch, prod(inputShape)] */
  apply(_params: LayerParams, x: tf.Tensor): Applied {
    return { out: tf.reshape(x, [x.shape[0], -1]) };
  }
}
