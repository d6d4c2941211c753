/**
 * The ordinary network's building blocks. Layers hold configuration, never tensors:
 * parameters are plain data passed in (only the trainer makes `tf.Variable`s).
 * This module knows nothing of targets; target space only *produces* parameters
 * for these layers (see src/target/realise.ts).
 */
import type * as tf from '@tensorflow/tfjs';

/** A per-example shape, without the batch dimension. */
export type Shape = readonly number[];

/** One layer's parameters by name (e.g. `kernel`, `bias`); empty for parameterless layers. */
export type LayerParams = Record<string, tf.Tensor>;

/** The whole network's parameters, one entry per layer. */
export type NetParams = LayerParams[];

export interface ApplyContext {
  /** Dropout is active only when training (never in realisation or evaluation). */
  training: boolean;
  /** Seed for stochastic layers on this call (the trainer varies it per step). */
  seed: number;
}

export const EVAL: ApplyContext = { training: false, seed: 0 };

export interface ParamSpec {
  name: string;
  shape: number[];
  /** Weight-space initialiser (Glorot/He/...), seeded. */
  init: (seed: number) => tf.Tensor;
}

export interface Applied {
  out: tf.Tensor;
  /** The pre-activation sums, in the layer's target shape (linear layers only). */
  preact?: tf.Tensor;
}

/**
 * A layer whose pre-activation sums are linear in its parameters:
 * `preact(x) = design(x) W`, the relation that target space inverts (paper eqs. 6-7).
 */
export interface LinearForm {
  /** Output units: the columns of W and of the targets as a matrix. */
  readonly units: number;
  /**
   * The design matrix A on an input batch [rows x (fan-in + 1 if bias)], rows ordered
   * like the targets' leading dimensions. Recurrent layers read their previous state
   * from f(targets) (sec. 5), so the targets are passed in; others ignore them.
   */
  design(x: tf.Tensor, targets: tf.Tensor): tf.Tensor2D;
  /** Split the solved W [(fan-in + bias) x units] into this layer's named parameters. */
  fromSolution(w: tf.Tensor2D): LayerParams;
  /**
   * Target shape for a batch of `n` inputs whose per-example shape (at this layer) is
   * `input`, e.g. [n, units], [n, H, W, filters] or [n, steps, units].
   */
  targetShape(n: number, input: Shape): number[];
  /** f applied to targets: the OCU stream that the next layer sees (sec. 2.4). */
  activateTargets(targets: tf.Tensor): tf.Tensor;
}

export interface Layer {
  readonly type: string;
  readonly inputShape: Shape;
  readonly outputShape: Shape;
  /**
   * The per-example output shape for another input shape of the same layout (recurrent
   * nets: a different number of steps, e.g. X̄ sequences of another length).
   */
  outputShapeFor(input: Shape): Shape;
  paramSpecs(): ParamSpec[];
  apply(params: LayerParams, x: tf.Tensor, ctx: ApplyContext): Applied;
  /** Present on layers that target space can parameterise (dense, conv, recurrent). */
  readonly linear?: LinearForm;
}

/** The product of a shape's dimensions. */
export function size(shape: Shape): number {
  return shape.reduce((a, b) => a * b, 1);
}
