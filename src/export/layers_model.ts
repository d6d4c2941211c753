/**
 * Export a network with plain weights (a weight-space model, or a frozen target-space
 * one) as a TensorFlow.js LayersModel, so it can be used without this library:
 * `tf.loadLayersModel(...)` then `model.predict(x)` gives the same outputs (logits).
 */
import * as tf from '@tensorflow/tfjs';
import type { Activation } from '../nn/activations.js';
import type { LayerConfig } from '../nn/config.js';
import type { NetParams } from '../nn/layer.js';
import type { Network } from '../nn/network.js';

type SymbolicTensor = tf.SymbolicTensor;

/** A number or a readonly pair, as our configs write window sizes, to what tfjs-layers takes. */
function pair(v: number | readonly [number, number]): number | [number, number] {
  return typeof v === 'number' ? v : [v[0], v[1]];
}

/** Keras activation name, plus a LeakyReLU layer to follow when Keras has none. */
function keras(act: Activation | undefined): { activation: 'tanh' | 'relu' | 'sigmoid' | 'linear'; leaky?: number } {
  const a = act ?? { name: 'linear' };
  if (a.name === 'leaky_relu') return { activation: 'linear', leaky: a.alpha ?? 0.2 };
  return { activation: a.name };
}

/** Build the equivalent LayersModel with the given weights set. */
export function toLayersModel(net: Network, params: NetParams): tf.LayersModel {
  const input = tf.input({ shape: net.inputShape.map((d) => (d === -1 ? null : d)) as number[] });
  const streams: SymbolicTensor[] = [input];
  let current: SymbolicTensor = input;
  const assignments: [tf.layers.Layer, tf.Tensor[]][] = [];
  const configs = net.config.layers;
  for (let i = 0; i < configs.length; i++) {
    const cfg = configs[i];
    if (cfg.type === 'last_step') continue; // folded into the recurrent layer before it
    const foldLast = configs[i + 1]?.type === 'last_step';
    const x = net.shortcuts && streams.length > 1 ? (tf.layers.concatenate().apply([...streams]) as SymbolicTensor) : current;
    const { layer, weights, leaky } = kerasLayer(cfg, params[i], foldLast, i);
    let y = layer.apply(x) as SymbolicTensor;
    assignments.push([layer, weights]);
    if (leaky !== undefined) y = tf.layers.leakyReLU({ alpha: leaky }).apply(y) as SymbolicTensor;
    current = y;
    streams.push(y);
  }
  const model = tf.model({ inputs: input, outputs: current });
  for (const [layer, weights] of assignments) if (weights.length > 0) layer.setWeights(weights);
  return model;
}

function kerasLayer(cfg: LayerConfig, p: Record<string, tf.Tensor>, foldLast: boolean, index: number): { layer: tf.layers.Layer; weights: tf.Tensor[]; leaky?: number } {
  const name = `${cfg.type}_${index}`;
  const withBias = (useBias: boolean | undefined) => (useBias === false ? [p.kernel] : [p.kernel, p.bias]);
  switch (cfg.type) {
    case 'dense': {
      const k = keras(cfg.activation);
      return { layer: tf.layers.dense({ name, units: cfg.units, activation: k.activation, useBias: cfg.bias !== false }), weights: withBias(cfg.bias), leaky: k.leaky };
    }
    case 'conv2d': {
      const k = keras(cfg.activation);
      const layer = tf.layers.conv2d({ name, filters: cfg.filters, kernelSize: pair(cfg.kernelSize), strides: pair(cfg.strides ?? 1), padding: cfg.padding ?? 'same', activation: k.activation, useBias: cfg.bias !== false });
      return { layer, weights: withBias(cfg.bias), leaky: k.leaky };
    }
    case 'maxpool2d':
    case 'avgpool2d': {
      const args = { name, poolSize: pair(cfg.poolSize), strides: pair(cfg.strides ?? cfg.poolSize), padding: cfg.padding ?? 'valid' };
      return { layer: cfg.type === 'maxpool2d' ? tf.layers.maxPooling2d(args) : tf.layers.averagePooling2d(args), weights: [] };
    }
    case 'flatten':
      return { layer: tf.layers.flatten({ name }), weights: [] };
    case 'dropout':
      return { layer: tf.layers.dropout({ name, rate: cfg.rate }), weights: [] };
    case 'embedding':
      return { layer: tf.layers.embedding({ name, inputDim: cfg.vocab, outputDim: cfg.dim }), weights: [p.embeddings] };
    case 'rnn': {
      const k = keras(cfg.activation ?? { name: 'tanh' });
      if (k.leaky !== undefined) throw new Error('export: a leaky-relu recurrent layer has no Keras equivalent.');
      const layer = tf.layers.simpleRNN({ name, units: cfg.units, activation: k.activation, returnSequences: foldLast ? false : cfg.returnSequences ?? true });
      return { layer, weights: [p.kernel, p.recurrent, p.bias] };
    }
    case 'lstm': {
      const layer = tf.layers.lstm({ name, units: cfg.units, recurrentActivation: 'sigmoid', returnSequences: foldLast ? false : cfg.returnSequences ?? true });
      return { layer, weights: [p.kernel, p.recurrent, p.bias] };
    }
    case 'last_step':
      throw new Error('export: last_step must follow a recurrent layer.');
  }
}
