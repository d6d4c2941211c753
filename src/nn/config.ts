/**
 * JSON-serialisable network descriptions and the one place that turns them into layers.
 */
import type { Activation } from './activations.js';
import { Dense, type DenseConfig } from './dense.js';
import type { Layer, Shape } from './layer.js';

export type LayerConfig = DenseConfig;

export interface NetworkConfig {
  /** Per-example input shape, e.g. [2] for points, [28, 28, 1] for images, [-1, 1] for bit streams of any length (-1: free). */
  input: number[];
  layers: LayerConfig[];
  /**
   * Shortcut connections (the two-spirals net of sec. 4.1, after Lang & Witbrock): every
   * layer sees the concatenation of the network input and all earlier layers' outputs.
   */
  shortcuts?: boolean;
}

export function buildLayer(config: LayerConfig, inputShape: Shape): Layer {
  switch (config.type) {
    case 'dense':
      return new Dense(config, inputShape);
    default:
      throw new Error(`Unknown layer type '${(config as { type: string }).type}'.`);
  }
}

/** A dense stack: hidden layers with one activation, then a linear output layer. */
export function mlp(input: number, hidden: number[], outputs: number, activation: Activation, shortcuts = false): NetworkConfig {
  return {
    input: [input],
    layers: [...hidden.map((units): LayerConfig => ({ type: 'dense', units, activation })), { type: 'dense', units: outputs }],
    shortcuts,
  };
}
