/**
 * Target initialisation (paper sec. 3.4): truncated normal targets, then the initial
 * projection, which replaces each layer's targets by the sums that the realised weights
 * actually produce on X̄, so that training starts from a consistent point.
 */
import * as tf from '@tensorflow/tfjs';
import { EVAL, type NetParams, type Shape } from '../nn/layer.js';
import { forwardTrace, type Network } from '../nn/network.js';
import { realise, targetLayers, type RealiseOptions, type Targets } from './realise.js';

/**
 * Random targets for every linear layer: truncated normal with standard deviation `std`
 * (the paper: 1 for MLPs and RNNs, 0.1 for CNNs), seeded.
 * @param xbarShape the per-example shape of X̄ (its steps may differ from the training data's)
 */
export function initialTargets(net: Network, xbarShape: Shape, nXbar: number, std: number, seed: number, xbarAt = 0): Targets {
  if (!(std > 0) || !Number.isFinite(std)) throw new Error(`targets: std must be a positive number, got ${std}.`);
  const shapes = net.layerInputShapes(xbarShape, xbarAt);
  const wanted = targetLayers(net, xbarAt);
  return net.layers.map((layer, i) => (wanted[i] ? tf.truncatedNormal(layer.linear!.targetShape(nXbar, shapes[i]), 0, std, 'float32', seed * 7907 + i) : null));
}

/**
 * The initial projection: realise, run the ordinary network on X̄ with those weights and
 * return its pre-activation sums as the new targets (realising them gives weights that
 * reproduce them, up to the regularisation).
 */
export function project(net: Network, targets: Targets, xbar: tf.Tensor, options: RealiseOptions, direct: NetParams = []): Targets {
  const from = options.xbarAt ?? 0;
  return tidyTargets(() => {
    const weights = realise(net, targets, xbar, options, direct);
    const { preacts } = forwardTrace(net, weights, xbar, EVAL, from);
    const shapes = net.layerInputShapes(xbar.shape.slice(1), from);
    const wanted = targetLayers(net, from);
    return net.layers.map((layer, i) => (wanted[i] ? tf.reshape(preacts[i]!, layer.linear!.targetShape(xbar.shape[0], shapes[i])) : null));
  });
}

/** tf.tidy for a per-layer list with nulls (which tidy's own return type does not allow). */
export function tidyTargets(f: () => Targets): Targets {
  let out: Targets = [];
  tf.tidy(() => {
    out = f().map((t) => (t ? tf.keep(t) : null));
  });
  return out;
}
