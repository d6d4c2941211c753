/**
 * The ordinary network: a sequence of layers, optionally with shortcut connections, and
 * its forward pass. Weight space uses it directly; target space first derives the
 * parameters from targets (src/target/realise.ts) and then calls the same forward pass.
 */
import * as tf from '@tensorflow/tfjs';
import { buildLayer, type NetworkConfig } from './config.js';
import { EVAL, size, type ApplyContext, type Layer, type NetParams, type Shape } from './layer.js';

export class Network {
  readonly layers: readonly Layer[];
  readonly inputShape: Shape;
  readonly outputShape: Shape;
  readonly shortcuts: boolean;

  constructor(readonly config: NetworkConfig) {
    if (!Array.isArray(config.input) || config.input.length === 0 || !config.input.every((d) => Number.isInteger(d) && (d > 0 || d === -1))) {
      throw new Error(`network: input shape must be a list of positive integers (-1 for a free dimension such as sequence length), got ${JSON.stringify(config.input)}.`);
    }
    if (config.layers.length === 0) throw new Error('network: needs at least one layer.');
    this.shortcuts = config.shortcuts ?? false;
    this.inputShape = config.input;
    const layers: Layer[] = [];
    const outs: Shape[] = [config.input];
    for (const lc of config.layers) {
      const layer = buildLayer(lc, this.shortcuts ? concatShape(outs) : outs[outs.length - 1]);
      layers.push(layer);
      outs.push(layer.outputShape);
    }
    this.layers = layers;
    this.outputShape = outs[outs.length - 1];
  }

  /**
   * Each layer's per-example input shape when the network input has shape `input`
   * (which may differ from the configured one in free dimensions, e.g. sequence length).
   * With `from` > 0, `input` is what layer `from` receives (X̄ entering mid-network);
   * earlier layers' entries are then their configured input shapes.
   */
  layerInputShapes(input: Shape = this.inputShape, from = 0): Shape[] {
    const outs: Shape[] = [input];
    const ins: Shape[] = this.layers.slice(0, from).map((l) => l.inputShape);
    for (const layer of this.layers.slice(from)) {
      const inShape = this.shortcuts ? concatShape(outs) : outs[outs.length - 1];
      ins.push(inShape);
      outs.push(layer.outputShapeFor(inShape));
    }
    return ins;
  }

  /** Total number of weights (the weight-space parameter count). */
  get weightCount(): number {
    return this.layers.reduce((s, l) => s + l.paramSpecs().reduce((t, p) => t + size(p.shape), 0), 0);
  }
}

function concatShape(shapes: Shape[]): Shape {
  if (shapes.some((s) => s.length !== 1)) {
    throw new Error('network: shortcut connections need flat feature vectors (dense layers on [features] inputs).');
  }
  return [shapes.reduce((a, s) => a + s[0], 0)];
}

/**
 * Visit the layers in order, handing each its input: the previous output, or with
 * shortcuts the concatenation of the network input and every earlier output.
 * `step` returns the layer's output stream. Shared by forward() and realise().
 */
export function walk(net: Network, x: tf.Tensor, step: (layer: Layer, index: number, input: tf.Tensor) => tf.Tensor, from = 0): tf.Tensor {
  if (from > 0 && net.shortcuts) throw new Error('network: a stream cannot enter mid-network when layers have shortcut connections.');
  const streams = [x];
  let current = x;
  for (let i = from; i < net.layers.length; i++) {
    const input = net.shortcuts && streams.length > 1 ? tf.concat(streams, -1) : current;
    current = step(net.layers[i], i, input);
    streams.push(current);
  }
  return current;
}

/** Check that a batch matches the network's input shape, with a clear message if not. */
export function checkInput(net: Network, x: tf.Tensor, what = 'input'): void {
  const got = x.shape.slice(1);
  if (got.length !== net.inputShape.length || got.some((d, i) => d !== net.inputShape[i] && net.inputShape[i] !== -1)) {
    throw new Error(`network: ${what} has shape [${x.shape}], expected [batch, ${net.inputShape.join(', ')}].`);
  }
}

/**
 * The ordinary forward pass.
 * @param x [batch, ...inputShape]
 * @returns [batch, ...outputShape] (logits for a linear output layer)
 */
export function forward(net: Network, params: NetParams, x: tf.Tensor, ctx: ApplyContext = EVAL): tf.Tensor {
  return forwardTrace(net, params, x, ctx).output;
}

/**
 * The forward pass, also returning every linear layer's pre-activation sums (null for
 * others). With `from` > 0, `x` is the input of layer `from` (e.g. X̄ in embedding space).
 */
export function forwardTrace(net: Network, params: NetParams, x: tf.Tensor, ctx: ApplyContext = EVAL, from = 0): { output: tf.Tensor; preacts: (tf.Tensor | null)[] } {
  if (from === 0) checkInput(net, x);
  if (params.length !== net.layers.length) throw new Error(`network: expected parameters for ${net.layers.length} layers, got ${params.length}.`);
  const preacts: (tf.Tensor | null)[] = net.layers.map(() => null);
  const output = walk(
    net,
    x,
    (layer, i, input) => {
      const r = layer.apply(params[i], input, { training: ctx.training, seed: ctx.seed * 7919 + i });
      preacts[i] = r.preact ?? null;
      return r.out;
    },
    from,
  );
  return { output, preacts };
}

/** Fresh weight-space parameters (Glorot/He per layer), seeded. */
export function initialParams(net: Network, seed: number): NetParams {
  return net.layers.map((layer, i) => {
    const p: Record<string, tf.Tensor> = {};
    layer.paramSpecs().forEach((spec, j) => {
      p[spec.name] = spec.init(seed * 1009 + i * 31 + j);
    });
    return p;
  });
}
