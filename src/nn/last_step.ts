/**
 * Keep only the last time step: [steps, ...features] -> [...features] per example.
 * Used to classify a whole sequence (E4, sentiment) with a dense layer after a
 * recurrent one that outputs every step. (A dense layer straight on [steps, features]
 * maps along the last axis instead, giving an output at every step, as E3 needs.)
 * Parameterless: realisation simply runs it on the X̄ stream (paper sec. 2.4).
 */
import * as tf from '@tensorflow/tfjs';
import type { Applied, Layer, ParamSpec, Shape } from './layer.js';

export interface LastStepConfig {
  type: 'last_step';
}

export class LastStep implements Layer {
  readonly type = 'last_step';
  readonly outputShape: Shape;

  constructor(readonly config: LastStepConfig, readonly inputShape: Shape) {
    if (inputShape.length < 2) throw new Error(`last_step: needs inputs of shape [steps, ...features] per example, got [${inputShape}].`);
    this.outputShape = this.outputShapeFor(inputShape);
  }

  outputShapeFor(input: Shape): Shape {
    return input.slice(1);
  }

  paramSpecs(): ParamSpec[] {
    return [];
  }

  /** @param x [batch, steps, ...features] -> [batch, ...features] */
  apply(_params: unknown, x: tf.Tensor): Applied {
    if (x.rank < 3) throw new Error(`last_step: input has shape [${x.shape}], expected [batch, steps, ...features].`);
    const [batch, steps, ...rest] = x.shape;
    if (steps < 1) throw new Error('last_step: sequences need at least one step.');
    const begin = x.shape.map((_, i) => (i === 1 ? steps - 1 : 0));
    return { out: tf.reshape(tf.slice(x, begin, [batch, 1, ...rest]), [batch, ...rest]) };
  }
}
