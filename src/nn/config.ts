/**
 * JSON-serialisable network descriptions and the one place that turns them into layers.
 */
import type { Activation } from './activations.js';
import { Conv2D, type Conv2DConfig } from './conv2d.js';
import { Dense, type DenseConfig } from './dense.js';
import { Dropout, type DropoutConfig } from './dropout.js';
import { Embedding, type EmbeddingConfig } from './embedding.js';
import { Flatten, type FlattenConfig } from './flatten.js';
import type { Layer, Shape } from './layer.js';
import { LastStep, type LastStepConfig } from './last_step.js';
import { Lstm, type LstmConfig } from './lstm.js';
import { Pooling2D, type Pooling2DConfig } from './pooling.js';
import { Rnn, type RnnConfig } from './rnn.js';

export type LayerConfig = DenseConfig | Conv2DConfig | Pooling2DConfig | FlattenConfig | DropoutConfig | RnnConfig | LstmConfig | LastStepConfig | EmbeddingConfig;

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
    case 'rnn':
      return new Rnn(config, inputShape);
    case 'lstm':
      return new Lstm(config, inputShape);
    case 'last_step':
      return new LastStep(config, inputShape);
    case 'embedding':
      return new Embedding(config, inputShape);
    case 'conv2d':
      return new Conv2D(config, inputShape);
    case 'maxpool2d':
    case 'avgpool2d':
      return new Pooling2D(config, inputShape);
    case 'flatten':
      return new Flatten(config, inputShape);
    case 'dropout':
      return new Dropout(config, inputShape);
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
