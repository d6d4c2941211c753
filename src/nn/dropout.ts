/**
 * Inverted dropout: while training, each value is zeroed with probability `rate` and the
 * survivors are scaled by 1 / (1 - rate), so evaluation needs no rescaling.
 *
 * Active only when `ctx.training` is true, i.e. in the trainer's forward pass on the
 * minibatch. Realisation on X̄ (paper sec. 2.4) and evaluation call layers with
 * training false, so there it is the identity: the targets describe the deterministic
 * network. The mask is drawn from `ctx.seed` (the trainer varies it per step and the
 * network per layer), so the same seed gives the same mask.
 */
import * as tf from '@tensorflow/tfjs';
import type { Applied, ApplyContext, Layer, LayerParams, ParamSpec, Shape } from './layer.js';

export interface DropoutConfig {
  type: 'dropout';
  /** Probability of dropping each value, in [0, 1). */
  rate: number;
}

export class Dropout implements Layer {
  readonly type = 'dropout';
  readonly outputShape: Shape;

  constructor(readonly config: DropoutConfig, readonly inputShape: Shape) {
    const { rate } = config;
    if (typeof rate !== 'number' || !(rate >= 0 && rate < 1)) throw new Error(`dropout: rate must be a number in [0, 1), got ${rate}.`);
    this.outputShape = inputShape;
  }

  outputShapeFor(input: Shape): Shape {
    return input;
  }

  paramSpecs(): ParamSpec[] {
    return [];
  }

  apply(_params: LayerParams, x: tf.Tensor, ctx: ApplyContext): Applied {
    if (!ctx.training || this.config.rate === 0) return { out: x };
    return { out: tf.dropout(x, this.config.rate, undefined, ctx.seed) };
  }
}
