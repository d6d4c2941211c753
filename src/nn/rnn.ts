/**
 * An Elman recurrent layer (paper sec. 5, experiments E3 and E4):
 *
 *     z_t = x_t Wx + h_{t-1} Wh + b,   h_t = f(z_t),   h_{-1} = 0,   f = tanh by default
 *
 * on inputs [steps, features] per example (steps may be free, -1). Output: every state
 * [steps, units] (`returnSequences`, the default) or the last one [units]; `preact` is
 * always the sums of every step [steps, units], the layer's target shape.
 *
 * Target space (sec. 5, the reference's "SCU hybrid"): the targets are the sums z_t at
 * every step of every X̄ sequence, [n, steps, units]. The design row of step t is
 * [x_t, f(T_{t-1}), 1]: the recurrent input is read from the *targets* of the previous
 * step (f(T_{-1}) = 0 = h_{-1}), so all steps are solved at once from the rows stacked
 * (sequence, step), without running the recurrence. With src/target/realise.ts that is
 * exactly the reference scheme: this layer is always solved OCU-style; in mode `scu` the
 * next layer is solved from the states that the realised weights really produce on X̄
 * (realise runs this layer's `apply`), in mode `ocu` from f(T). (Reference:
 * rnn_bitsequences_target_space_tf1.py, `calculate_weight_matrices_from_targets`: its
 * OCU, the script's default, solves both layers from the target-driven unrolling; with
 * `--scu`, the "SCU/OCU hybrid" of its example command, it solves the recurrent layer
 * so, re-runs the net with those weights and solves the output layer from the real
 * states.) X̄ may have another sequence length than the training data: the weights'
 * shapes do not depend on it, only the targets' do.
 *
 * Speed: x_t Wx + b for all steps is one product before the loop; the loop is one op
 * with hand-written backpropagation through time (src/nn/recurrence.ts), three small
 * kernels per step each way, none on tf.grad's tape.
 */
import * as tf from '@tensorflow/tfjs';
import { activate, type Activation } from './activations.js';
import { glorotUniform, kernelInit, zeros } from './initialisers.js';
import type { Applied, Layer, LayerParams, LinearForm, ParamSpec, Shape } from './layer.js';
import { elmanScan, orthogonal } from './recurrence.js';

/** Weight-space initialiser of the recurrent matrix Wh. */
export type RecurrentInitialiser = 'orthogonal' | 'glorot_uniform';

export interface RnnConfig {
  type: 'rnn';
  units: number;
  /** Default tanh (the paper's). */
  activation?: Activation;
  /** Default true: output every step [steps, units]; false: the last step [units]. */
  returnSequences?: boolean;
  /**
   * Default `orthogonal` (as Keras's SimpleRNN/LSTM): all singular values 1, so the
   * linearised recurrence neither shrinks nor blows up states over long delays, the
   * best chance for a weight-space baseline on E3. `glorot_uniform` is closer to the
   * reference scripts (a Glorot-scaled random matrix).
   */
  recurrentInitialiser?: RecurrentInitialiser;
}

/** Check a recurrent layer's per-example input shape [steps, features]. */
export function checkSequenceInput(type: string, inputShape: Shape): void {
  const [steps, features] = inputShape;
  if (inputShape.length !== 2 || !(steps > 0 || steps === -1) || !(features > 0)) {
    throw new Error(`${type}: needs inputs of shape [steps, features] per example (steps may be -1 = free), got [${inputShape}]; for token ids put an embedding layer first.`);
  }
}

export class Rnn implements Layer {
  readonly type = 'rnn';
  readonly outputShape: Shape;
  readonly linear: LinearForm;
  readonly units: number;
  private readonly fanIn: number;
  private readonly act: Activation;
  private readonly returnSequences: boolean;

  constructor(readonly config: RnnConfig, readonly inputShape: Shape) {
    if (!Number.isInteger(config.units) || config.units < 1) throw new Error(`rnn: units must be a positive integer, got ${config.units}.`);
    checkSequenceInput('rnn', inputShape);
    const init = config.recurrentInitialiser ?? 'orthogonal';
    if (init !== 'orthogonal' && init !== 'glorot_uniform') throw new Error(`rnn: unknown recurrentInitialiser '${init as string}': use orthogonal or glorot_uniform.`);
    this.units = config.units;
    this.fanIn = inputShape[1];
    this.act = config.activation ?? { name: 'tanh' };
    this.returnSequences = config.returnSequences ?? true;
    this.outputShape = this.outputShapeFor(inputShape);
    this.linear = {
      units: this.units,
      design: (x, t) => this.design(x, t),
      fromSolution: (w) => this.fromSolution(w),
      targetShape: (n, input) => [n, input[0], this.units],
      activateTargets: (t) => this.activateTargets(t),
    };
  }

  outputShapeFor(input: Shape): Shape {
    return this.returnSequences ? [input[0], this.units] : [this.units];
  }

  paramSpecs(): ParamSpec[] {
    const { units, fanIn } = this;
    const recurrent = (seed: number) =>
      this.config.recurrentInitialiser === 'glorot_uniform' ? glorotUniform([units, units], units, units, seed) : orthogonal(units, units, seed);
    return [
      { name: 'kernel', shape: [fanIn, units], init: (seed) => kernelInit(this.act.name, [fanIn, units], fanIn, units, seed) },
      { name: 'recurrent', shape: [units, units], init: recurrent },
      { name: 'bias', shape: [units], init: () => zeros([units]) },
    ];
  }

  /**
   * @param x [batch, steps, features]
   * @returns out [batch, steps, units] (or [batch, units] without returnSequences) and
   *   preact, the sums z_t of every step [batch, steps, units] (the target shape)
   */
  apply(params: LayerParams, x: tf.Tensor): Applied {
    const { kernel, recurrent, bias } = params;
    if (!kernel || !recurrent || !bias) throw new Error(`rnn: expected parameters kernel, recurrent and bias, got {${Object.keys(params).join(', ')}}.`);
    if (x.rank !== 3 || x.shape[2] !== this.fanIn) throw new Error(`rnn: input has shape [${x.shape}], expected [batch, steps, ${this.fanIn}].`);
    const [batch, steps] = x.shape;
    const { units } = this;
    // Time-major before the product: the loop then takes contiguous slices, and x is
    // usually narrower than the states, so this is the cheapest place to transpose.
    const xt = tf.reshape(tf.transpose(x, [1, 0, 2]), [steps * batch, this.fanIn]) as tf.Tensor2D;
    const u = tf.reshape(tf.add(tf.matMul(xt, kernel as tf.Tensor2D), bias), [steps, batch, units]) as tf.Tensor3D;
    // The scan returns the sums; the states are f of them, one op over all steps.
    const z = elmanScan(u, recurrent as tf.Tensor2D, this.act);
    if (this.returnSequences) return { out: activate(this.act, z), preact: z };
    const last = tf.reshape(tf.slice(z, [0, steps - 1, 0], [batch, 1, units]), [batch, units]);
    return { out: activate(this.act, last), preact: z };
  }

  /**
   * [n * steps, features + units + 1]: for every step of every X̄ sequence (rows ordered
   * (sequence, step), like the targets) the input x_t, the state f(T_{t-1}) that the
   * targets imply (zeros at t = 0) and a one for the bias.
   */
  private design(x: tf.Tensor, targets: tf.Tensor): tf.Tensor2D {
    const [n, steps] = x.shape;
    const { units, fanIn } = this;
    if (targets.rank !== 3 || targets.shape[0] !== n || targets.shape[1] !== steps) {
      throw new Error(`rnn: targets of shape [${targets.shape}] do not match the X̄ stream [${x.shape}]: expected [${n}, ${steps}, ${units}].`);
    }
    const rows = n * steps;
    // f(T) moved down one row of the flat (sequence, step) order, then zeroed at each
    // sequence's first step: contiguous copies only (a step-axis slice of [n, steps, .]
    // is copied row by row on wasm).
    const state = activate(this.act, tf.reshape(targets, [rows, units]));
    const shifted = tf.slice(tf.pad(state, [[1, 0], [0, 0]]), [0, 0], [rows, units]);
    const previous = tf.mul(shifted, firstStepMask(n, steps));
    const x2 = tf.reshape(x, [rows, fanIn]);
    return tf.concat([x2, previous, tf.ones([rows, 1])], 1) as tf.Tensor2D;
  }

  /** Split W [features + units + 1, units] into kernel, recurrent and bias (the design's column order). */
  private fromSolution(w: tf.Tensor2D): LayerParams {
    const { fanIn, units } = this;
    return {
      kernel: tf.slice(w, [0, 0], [fanIn, units]),
      recurrent: tf.slice(w, [fanIn, 0], [units, units]),
      bias: tf.reshape(tf.slice(w, [fanIn + units, 0], [1, units]), [units]),
    };
  }

  /** f(T), the OCU stream: every step, or the last one when the layer outputs only that. */
  private activateTargets(t: tf.Tensor): tf.Tensor {
    if (this.returnSequences) return activate(this.act, t);
    const [n, steps, units] = t.shape;
    return activate(this.act, tf.reshape(tf.slice(t, [0, steps - 1, 0], [n, 1, units]), [n, units]));
  }
}

/** [n * steps, 1]: 0 on each sequence's first step, 1 elsewhere. */
function firstStepMask(n: number, steps: number): tf.Tensor2D {
  const mask = new Float32Array(n * steps).fill(1);
  for (let i = 0; i < n; i++) mask[i * steps] = 0;
  return tf.tensor2d(mask, [n * steps, 1]);
}
