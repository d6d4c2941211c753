/**
 * An LSTM layer, the weight-space baseline of the recurrent experiments (E3; the paper
 * reports that target-space Elman nets match LSTMs there):
 *
 *     z_t = x_t Wx + h_{t-1} Wh + b = [z_i, z_f, z_g, z_o]
 *     i, f, o = sigmoid(z_i, z_f, z_o),  g = tanh(z_g)
 *     c_t = f c_{t-1} + i g,  h_t = o tanh(c_t),  h_{-1} = c_{-1} = 0
 *
 * Gate order i, f, g, o as Keras. Params {kernel [features, 4 units], recurrent
 * [units, 4 units], bias [4 units]}; the forget gate's bias starts at 1 (Jozefowicz et
 * al. 2015, Keras's `unit_forget_bias`), so the cell remembers by default.
 *
 * No LinearForm: in the paper's experiments LSTMs are weight-space baselines only,
 * so this layer is not parameterised by targets (a target-space model containing one
 * would need it to keep its own trainable weights, as the embedding does).
 *
 * Speed: x_t Wx + b for all steps and gates is one product before the loop; the loop
 * is one op with hand-written backpropagation through time (as the Elman layer's, see
 * recurrence.ts): 17 small ops per step forward (a product per gate, see lstmScan),
 * 7 backward, none of them taped.
 */
import * as tf from '@tensorflow/tfjs';
import { glorotUniform } from './initialisers.js';
import type { Applied, Layer, LayerParams, ParamSpec, Shape } from './layer.js';
import { orthogonal } from './recurrence.js';
import { checkSequenceInput, type RecurrentInitialiser } from './rnn.js';

export interface LstmConfig {
  type: 'lstm';
  units: number;
  /** Default true: output every step [steps, units]; false: the last step [units]. */
  returnSequences?: boolean;
  /** Default `orthogonal` (each gate's [units, units] block); or `glorot_uniform`. */
  recurrentInitialiser?: RecurrentInitialiser;
}

export class Lstm implements Layer {
  readonly type = 'lstm';
  readonly outputShape: Shape;
  readonly units: number;
  private readonly fanIn: number;
  private readonly returnSequences: boolean;

  constructor(readonly config: LstmConfig, readonly inputShape: Shape) {
    if (!Number.isInteger(config.units) || config.units < 1) throw new Error(`lstm: units must be a positive integer, got ${config.units}.`);
    checkSequenceInput('lstm', inputShape);
    const init = config.recurrentInitialiser ?? 'orthogonal';
    if (init !== 'orthogonal' && init !== 'glorot_uniform') throw new Error(`lstm: unknown recurrentInitialiser '${init as string}': use orthogonal or glorot_uniform.`);
    this.units = config.units;
    this.fanIn = inputShape[1];
    this.returnSequences = config.returnSequences ?? true;
    this.outputShape = this.outputShapeFor(inputShape);
  }

  outputShapeFor(input: Shape): Shape {
    return this.returnSequences ? [input[0], this.units] : [this.units];
  }

  paramSpecs(): ParamSpec[] {
    const { units, fanIn } = this;
    const recurrent = (seed: number) =>
      this.config.recurrentInitialiser === 'glorot_uniform'
        ? glorotUniform([units, 4 * units], units, 4 * units, seed)
        : tf.tidy(() => tf.concat([0, 1, 2, 3].map((k) => orthogonal(units, units, seed * 4 + k)), 1));
    const bias = () => tf.tidy(() => tf.concat([tf.zeros([units]), tf.ones([units]), tf.zeros([2 * units])]));
    return [
      { name: 'kernel', shape: [fanIn, 4 * units], init: (seed) => glorotUniform([fanIn, 4 * units], fanIn, 4 * units, seed) },
      { name: 'recurrent', shape: [units, 4 * units], init: recurrent },
      { name: 'bias', shape: [4 * units], init: bias },
    ];
  }

  /** @param x [batch, steps, features] -> [batch, steps, units] (or [batch, units]) */
  apply(params: LayerParams, x: tf.Tensor): Applied {
    const { kernel, recurrent, bias } = params;
    if (!kernel || !recurrent || !bias) throw new Error(`lstm: expected parameters kernel, recurrent and bias, got {${Object.keys(params).join(', ')}}.`);
    if (x.rank !== 3 || x.shape[2] !== this.fanIn) throw new Error(`lstm: input has shape [${x.shape}], expected [batch, steps, ${this.fanIn}].`);
    const [batch, steps] = x.shape;
    const xt = tf.reshape(tf.transpose(x, [1, 0, 2]), [steps * batch, this.fanIn]) as tf.Tensor2D;
    const u = tf.reshape(tf.add(tf.matMul(xt, kernel as tf.Tensor2D), bias), [steps, batch, 4 * this.units]) as tf.Tensor3D;
    const h = lstmScan(u, recurrent as tf.Tensor2D);
    if (this.returnSequences) return { out: h };
    return { out: tf.reshape(tf.slice(h, [0, steps - 1, 0], [batch, 1, this.units]), [batch, this.units]) };
  }
}

/**
 * The LSTM recurrence over all steps as one op differentiable in u and R.
 *
 * Per step, each gate has its own product h R_g (R_g a column block of R, the same
 * tensor every step, so wasm's XNNPACK keeps it packed) instead of one product split
 * afterwards: on wasm a split copies its whole input per piece and every row
 * separately, which cost more than the four products (measured, [100, 43] states).
 * @param u the input sums x_t Wx + b, time-major [steps, batch, 4 units]
 * @param r the recurrent weights [units, 4 units]
 * @returns the states h, batch-major [batch, steps, units]
 */
export function lstmScan(u: tf.Tensor3D, r: tf.Tensor2D): tf.Tensor3D {
  const [steps, batch, width] = u.shape;
  const units = width / 4;
  if (steps < 1) throw new Error('lstm: sequences need at least one step.');
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [uIn, rIn, save] = args as [tf.Tensor3D, tf.Tensor2D, tf.GradSaveFunc];
    // Gate-major [4 * steps, batch, units]: step t of gate k is entry k * steps + t.
    const us = tf.unstack(tf.reshape(tf.transpose(tf.reshape(uIn, [steps * batch, 4, units]), [1, 0, 2]), [4 * steps, batch, units]));
    const rs = tf.split(rIn, 4, 1) as tf.Tensor2D[];
    const sum = (k: number, t: number, h: tf.Tensor | undefined) => (h ? tf.add(us[k * steps + t], tf.matMul(h as tf.Tensor2D, rs[k])) : us[k * steps + t]);
    const gates: tf.Tensor[][] = [[], [], [], []]; // i, f, g, o per step
    const cs: tf.Tensor[] = [];
    const hs: tf.Tensor[] = [];
    for (let t = 0; t < steps; t++) {
      const h = hs[t - 1];
      const i = tf.sigmoid(sum(0, t, h));
      const f = tf.sigmoid(sum(1, t, h));
      const g = tf.tanh(sum(2, t, h));
      const o = tf.sigmoid(sum(3, t, h));
      const c = t > 0 ? tf.add(tf.mul(f, cs[t - 1]), tf.mul(i, g)) : tf.mul(i, g);
      [i, f, g, o].forEach((a, k) => gates[k].push(a));
      cs.push(c);
      hs.push(tf.mul(o, tf.tanh(c)));
    }
    const hStack = tf.stack(hs);
    save([hStack, tf.stack(cs), ...gates.map((a) => tf.stack(a)), rIn]);
    return {
      value: tf.transpose(hStack, [1, 0, 2]) as tf.Tensor3D,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => lstmBackward(dy as tf.Tensor3D, saved),
    };
  });
  return op(u, r) as tf.Tensor3D;
}

/**
 * Backpropagation through time for {@link lstmScan}. Everything that does not depend on
 * the carried gradients is computed for all steps at once (time-major [steps, batch, .]):
 *   P = o (1 - tanh(c)^2),   K = [g i(1-i), c_{t-1} f(1-f), i (1-g^2), tanh(c) o(1-o)]
 * then per step, from the last:
 *   dh = dH_t + dz_{t+1} R^T,   dc = dc_{t+1} f_{t+1} + dh P_t,   dz_t = [dc, dc, dc, dh] K_t
 * and dR = sum_t h_{t-1}^T dz_t in one product. (Four per-gate products instead of the
 * concatenation and one product measured the same here.)
 */
function lstmBackward(dy: tf.Tensor3D, saved: tf.Tensor[]): tf.Tensor[] {
  const [hs, cs, i, f, g, o, r] = saved as [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D, tf.Tensor3D, tf.Tensor3D, tf.Tensor3D, tf.Tensor2D];
  const [steps, batch, units] = hs.shape;
  const tc = tf.tanh(cs);
  // The value entering each step: zeros, then steps 0 .. steps - 2.
  const shift = (a: tf.Tensor3D) => tf.pad(tf.slice(a, [0, 0, 0], [steps - 1, batch, units]), [[1, 0], [0, 0], [0, 0]]);
  const dSig = (a: tf.Tensor) => tf.mul(a, tf.sub(1, a));
  const p = tf.unstack(tf.mul(o, tf.sub(1, tf.square(tc))));
  const k = tf.unstack(tf.concat([tf.mul(g, dSig(i)), tf.mul(shift(cs), dSig(f)), tf.mul(i, tf.sub(1, tf.square(g))), tf.mul(tc, dSig(o))], 2));
  const fs = tf.unstack(f);
  const dH = tf.unstack(tf.transpose(dy, [1, 0, 2]));
  const rT = tf.transpose(r); // explicit: wasm's transposed matMul is a slow scalar loop
  const dz: tf.Tensor[] = new Array(steps);
  let dhCarry: tf.Tensor | null = null;
  let dcCarry: tf.Tensor | null = null;
  for (let t = steps - 1; t >= 0; t--) {
    const dh: tf.Tensor = dhCarry ? tf.add(dH[t], dhCarry) : dH[t];
    const dc: tf.Tensor = dcCarry ? tf.add(dcCarry, tf.mul(dh, p[t])) : tf.mul(dh, p[t]);
    dz[t] = tf.mul(tf.concat([dc, dc, dc, dh], 1), k[t]);
    if (t > 0) {
      dcCarry = tf.mul(dc, fs[t]);
      dhCarry = tf.matMul(dz[t] as tf.Tensor2D, rT);
    }
  }
  const du = tf.stack(dz);
  const rows = steps * batch;
  const hIn = tf.reshape(shift(hs), [rows, units]);
  return [du, tf.matMul(tf.transpose(hIn), tf.reshape(du, [rows, 4 * units]) as tf.Tensor2D)];
}
