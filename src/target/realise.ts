/**
 * Realisation (paper sec. 2.4): the pass over X̄ that turns targets into weights.
 *
 * Layer by layer from A_0 = X̄, each linear layer's weights are solved from its design
 * matrix on the current X̄ stream and its targets (eqs. 6-7, one ridge solve). The stream
 * passed on is then
 *  - SCU (sequential cascade untangling, the default): f(A W), what the realised weights
 *    actually produce, so each layer corrects for the imperfections of those before it;
 *  - OCU (optimistic cascade untangling): f(T), as if the targets had been met exactly.
 * Parameterless layers (pooling, flatten) run on the stream; dropout is never applied.
 * Layers with parameters but no targets (an embedding, an LSTM) run with their own,
 * directly trained parameters (`direct`), differentiably.
 * For a recurrent layer the design reads its previous state from f(T) in both modes (the
 * reference's "SCU hybrid", sec. 5); in SCU the next layer then sees realised states.
 */
import * as tf from '@tensorflow/tfjs';
import { ridgeSolve, type RidgeOptions } from '../linalg/ridge_solve.js';
import { EVAL, type NetParams } from '../nn/layer.js';
import { walk, type Network } from '../nn/network.js';

export type RealiseMode = 'scu' | 'ocu';

export interface RealiseOptions {
  /** Pseudoinverse regularisation lambda (sec. 3.2): 0.001 for MLPs/RNNs, 0.1 for CNNs. */
  lambda: number;
  /** Default `scu`. */
  mode?: RealiseMode;
  ridge?: RidgeOptions;
  /**
   * The layer at which X̄ enters (default 0, the network input). E.g. 1 for text nets
   * whose X̄ is noise in embedding space (sec. 5); earlier layers are trained directly.
   */
  xbarAt?: number;
}

/** One target tensor per layer (in the layer's target shape), null for parameterless layers. */
export type Targets = (tf.Tensor | null)[];

/**
 * Derive all weights from the targets: weights = realise(targets, X̄).
 * Differentiable in the targets (and in X̄, e.g. a trainable embedding's output).
 * @param xbar the fixed target-space input batch [n_xbar, ...inputShape]
 */
export function realise(net: Network, targets: Targets, xbar: tf.Tensor, options: RealiseOptions, direct: NetParams = []): NetParams {
  const from = options.xbarAt ?? 0;
  checkTargets(net, targets, xbar.shape, from);
  const mode = options.mode ?? 'scu';
  const params: NetParams = net.layers.map((_, i) => direct[i] ?? {});
  const last = net.layers.length - 1;
  walk(
    net,
    xbar,
    (layer, i, input) => {
      const linear = layer.linear;
      if (!linear) return layer.apply(params[i], input, EVAL).out;
      const t = targets[i]!;
      const a = linear.design(input, t);
      const w = ridgeSolve(a, tf.reshape(t, [-1, linear.units]) as tf.Tensor2D, options.lambda, options.ridge);
      const p = linear.fromSolution(w);
      params[i] = p;
      if (i === last) return input; // nothing follows the output layer: skip computing its stream
      return mode === 'ocu' ? linear.activateTargets(t) : layer.apply(p, input, EVAL).out;
    },
    from,
  );
  return params;
}

/**
 * Which layers a target-space model parameterises by targets: the linear layers from the
 * one where X̄ enters onwards. All other layers with parameters (an embedding, an LSTM,
 * linear layers before X̄) keep their own parameters and are trained directly.
 */
export function targetLayers(net: Network, xbarAt = 0): boolean[] {
  return net.layers.map((layer, i) => i >= xbarAt && layer.linear !== undefined);
}

/** Every target layer needs targets of its target shape for this X̄; others none. */
export function checkTargets(net: Network, targets: Targets, xbarShape: readonly number[], xbarAt = 0): void {
  const nXbar = xbarShape[0];
  if (!Number.isInteger(xbarAt) || xbarAt < 0 || xbarAt >= net.layers.length) {
    throw new Error(`realise: X̄ must enter at a layer index in [0, ${net.layers.length - 1}], got ${xbarAt}.`);
  }
  const shapes = net.layerInputShapes(xbarShape.slice(1), xbarAt);
  if (targets.length !== net.layers.length) {
    throw new Error(`realise: expected one target entry per layer (${net.layers.length}), got ${targets.length}.`);
  }
  const wanted = targetLayers(net, xbarAt);
  net.layers.forEach((layer, i) => {
    const t = targets[i];
    if (!wanted[i]) {
      if (t) throw new Error(`realise: layer ${i} (${layer.type}) is not parameterised by targets, so it takes none.`);
      return;
    }
    const want = layer.linear!.targetShape(nXbar, shapes[i]);
    if (!t || t.shape.length !== want.length || t.shape.some((d, j) => d !== want[j])) {
      throw new Error(`realise: layer ${i} (${layer.type}) needs targets of shape [${want}] for ${nXbar} X̄ samples, got ${t ? `[${t.shape}]` : 'none'}.`);
    }
  });
}
