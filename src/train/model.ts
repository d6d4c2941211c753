/**
 * A trainable model: a network plus its parameterisation. The one switch between the
 * two spaces lives here:
 *
 *     weights = space === 'weight' ? variables : realise(net, targets, X̄, options)
 *
 * Everything downstream (forward pass, loss, optimiser, trainer) is shared.
 */
import * as tf from '@tensorflow/tfjs';
import type { RidgeOptions } from '../linalg/ridge_solve.js';
import type { NetParams } from '../nn/layer.js';
import { checkInput, forward, initialParams, type Network } from '../nn/network.js';
import { realise, targetLayers, type RealiseMode, type Targets } from '../target/realise.js';
import { initialTargets, project, tidyTargets } from '../target/targets.js';

export type Space = 'weight' | 'target';

export const SPACES: readonly Space[] = ['weight', 'target'];

export interface ModelOptions {
  space: Space;
  seed: number;
  /** Target space: the fixed input batch X̄ [n_xbar, ...inputShape] (kept; the model owns a copy). */
  xbar?: tf.Tensor;
  /** Target space: pseudoinverse regularisation (sec. 3.2). Default 0.001. */
  lambda?: number;
  /** Target space: SCU (default) or OCU realisation (sec. 2.4). */
  mode?: RealiseMode;
  /** Target space: std of the initial truncated-normal targets (sec. 3.4). Default 1. */
  targetStd?: number;
  /** Target space: the initial projection (sec. 3.4). Default true. */
  project?: boolean;
  ridge?: RidgeOptions;
  /** Target space: the layer where X̄ enters (default 0; e.g. 1 for X̄ as noise in embedding space). */
  xbarAt?: number;
}

/** Resolved target-space settings. */
export interface TargetSettings {
  lambda: number;
  mode: RealiseMode;
  targetStd: number;
  project: boolean;
  ridge?: RidgeOptions;
  xbarAt: number;
}

export class Model {
  /** What the optimiser updates: the weights, or the targets. */
  readonly variables: tf.Variable[];
  /** Per layer: the variable holding its parameter/target, so weights() can rebuild the structure. */
  private readonly layout: (Record<string, tf.Variable> | tf.Variable | null)[];

  private constructor(
    readonly net: Network,
    readonly space: Space,
    readonly xbar: tf.Tensor | null,
    readonly target: TargetSettings | null,
    layout: (Record<string, tf.Variable> | tf.Variable | null)[],
  ) {
    this.layout = layout;
    this.variables = layout.flatMap((e) => (e === null ? [] : e instanceof tf.Variable ? [e] : Object.values(e)));
  }

  /** Build a fresh model in either space, seeded (Glorot/He weights, or targets + projection). */
  static create(net: Network, options: ModelOptions): Model {
    if (options.space === 'weight') {
      const params = tf.tidy(() => initialParams(net, options.seed));
      return Model.fromWeights(net, params);
    }
    if (options.space !== 'target') throw new Error(`Unknown space '${options.space as string}': use weight or target.`);
    if (!options.xbar) throw new Error('target space needs X̄ (the fixed target-space input batch): pass options.xbar.');
    const settings: TargetSettings = {
      lambda: options.lambda ?? 0.001,
      mode: options.mode ?? 'scu',
      targetStd: options.targetStd ?? 1,
      project: options.project ?? true,
      ridge: options.ridge,
      xbarAt: options.xbarAt ?? 0,
    };
    if (settings.xbarAt === 0) checkInput(net, options.xbar, 'X̄');
    else checkXbarAt(net, options.xbar.shape, settings.xbarAt);
    if (settings.mode !== 'scu' && settings.mode !== 'ocu') throw new Error(`Unknown realisation mode '${settings.mode as string}': use scu or ocu.`);
    if (!(settings.lambda >= 0) || !Number.isFinite(settings.lambda)) throw new Error(`lambda must be a finite number >= 0, got ${settings.lambda}.`);
    const xbar = tf.keep(options.xbar.clone());
    // Layers not parameterised by targets (embeddings, LSTMs, layers before X̄) start from
    // ordinary initial weights and are trained directly.
    const wanted = targetLayers(net, settings.xbarAt);
    const init = initialParams(net, options.seed);
    const direct = init.map((p, i) => (wanted[i] ? {} : p));
    tf.dispose(init.filter((_, i) => wanted[i]).flatMap((p) => Object.values(p)));
    const targets = tidyTargets(() => {
      const t = initialTargets(net, xbar.shape.slice(1), xbar.shape[0], settings.targetStd, options.seed, settings.xbarAt);
      return settings.project ? project(net, t, xbar, realiseOptions(settings), direct) : t;
    });
    return Model.fromTargets(net, targets, xbar, settings, direct);
  }

  /** Wrap given weights (copied into variables). */
  static fromWeights(net: Network, params: NetParams): Model {
    const layout = params.map((p, i) => {
      const entries = Object.entries(p);
      if (entries.length === 0) return null;
      return Object.fromEntries(entries.map(([k, v]) => [k, tf.variable(v, true, `w${i}_${k}_${uid++}`)]));
    });
    tf.dispose(params.flatMap((p) => Object.values(p)));
    return new Model(net, 'weight', null, null, layout);
  }

  /** Wrap given targets (copied into variables); the model takes ownership of xbar. */
  static fromTargets(net: Network, targets: Targets, xbar: tf.Tensor, settings: TargetSettings, direct: NetParams = []): Model {
    const layout = targets.map((t, i) => {
      if (t) return tf.variable(t, true, `t${i}_${uid++}`);
      const own = Object.entries(direct[i] ?? {});
      return own.length === 0 ? null : Object.fromEntries(own.map(([k, v]) => [k, tf.variable(v, true, `d${i}_${k}_${uid++}`)]));
    });
    tf.dispose([...targets.filter((t): t is tf.Tensor => t !== null), ...direct.flatMap((p) => Object.values(p ?? {}))]);
    return new Model(net, 'target', xbar, settings, layout);
  }

  /** The network's weights for this step: the variables, or realise(targets, X̄). Call inside a tidy. */
  weights(): NetParams {
    if (this.space === 'weight') return this.layout.map((e) => (e === null ? {} : (e as Record<string, tf.Tensor>)));
    return realise(this.net, this.targets(), this.xbar!, realiseOptions(this.target!), this.direct());
  }

  /** Target space: the directly trained parameters of layers without targets ({} elsewhere). */
  direct(): NetParams {
    return this.layout.map((e) => (e === null || e instanceof tf.Variable ? {} : (e as Record<string, tf.Tensor>)));
  }

  /** Per layer: its target variable, its directly trained/weight variables, or null. */
  layoutEntries(): readonly (Record<string, tf.Variable> | tf.Variable | null)[] {
    return this.layout;
  }

  /** Target space: the current targets per layer (null for layers without weights). */
  targets(): Targets {
    if (this.space !== 'target') throw new Error('targets() is only defined for a target-space model.');
    return this.layout.map((e) => (e instanceof tf.Variable ? e : null));
  }

  /** Plain weights that reproduce this model's outputs (one realisation in target space). Caller disposes. */
  freeze(): NetParams {
    return tf.tidy(() => this.weights().map((p) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v.clone()]))));
  }

  /** Outputs (logits) for a batch, with the current weights. */
  predict(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => forward(this.net, this.weights(), x));
  }

  dispose(): void {
    tf.dispose(this.variables);
    this.xbar?.dispose();
  }
}

let uid = 0;

export function realiseOptions(s: TargetSettings) {
  return { lambda: s.lambda, mode: s.mode, ridge: s.ridge, xbarAt: s.xbarAt };
}

/** X̄ entering at layer `at` must match that layer's input shape (free dimensions aside). */
function checkXbarAt(net: Network, shape: number[], at: number): void {
  const layer = net.layers[at];
  if (!layer) throw new Error(`X̄ must enter at a layer index in [0, ${net.layers.length - 1}], got ${at}.`);
  const want = layer.inputShape;
  const got = shape.slice(1);
  if (got.length !== want.length || got.some((d, i) => d !== want[i] && want[i] !== -1)) {
    throw new Error(`X̄ enters at layer ${at} (${layer.type}), which takes [batch, ${want.join(', ')}], but X̄ has shape [${shape}].`);
  }
}
