/**
 * The paper's CNN architectures (E2) as named presets, and a builder for custom ones.
 * Convolutions use 'same' padding and leaky relu (alpha 0.2) as in the reference scripts.
 */
import { parseActivation, type Activation } from '../nn/activations.js';
import type { LayerConfig, NetworkConfig } from '../nn/config.js';

export type ArchPreset = 'tiny' | 'small' | 'default' | 'cifar6';

export const ARCH_PRESETS: Record<ArchPreset, { description: string; arch: ArchSpec }> = {
  tiny: { description: 'conv3x3x16 -> dense out (the reference quick MNIST net)', arch: { conv: [16], kernel: 3, poolEvery: 0, dense: [] } },
  small: { description: 'conv3x3x16 -> maxpool2 -> conv3x3x32 -> maxpool2 -> dense 100 -> out', arch: { conv: [16, 32], kernel: 3, poolEvery: 1, dense: [100] } },
  default: { description: 'conv5x5x32 -> maxpool2 -> conv5x5x64 -> maxpool2 -> dense 1024 -> out (the reference default)', arch: { conv: [32, 64], kernel: 5, poolEvery: 1, dense: [1024] } },
  cifar6: {
    description: 'six conv3x3 (32,32,64,64,128,128), maxpool2 after every 2nd -> dense 512 -> 128 -> out (paper sec. 4.2)',
    arch: { conv: [32, 32, 64, 64, 128, 128], kernel: 3, poolEvery: 2, dense: [512, 128] },
  },
};

export interface ArchSpec {
  /** Filters of each convolution. */
  conv: number[];
  /** Square kernel size of every convolution. */
  kernel: number;
  /** A 2x2 pooling after every this many convolutions (0: none). */
  poolEvery: number;
  /** Pooling kind (default max). */
  pool?: 'max' | 'avg';
  /** Hidden dense layers after flattening. */
  dense: number[];
  /** Dropout rate before each dense layer (0: none). */
  dropout?: number;
  /** Hidden activation (default leaky relu 0.2). */
  activation?: Activation;
}

export function parseArchPreset(name: string): ArchPreset {
  if (!(name in ARCH_PRESETS)) throw new Error(`Unknown architecture preset '${name}': use one of ${Object.keys(ARCH_PRESETS).join(', ')}.`);
  return name as ArchPreset;
}

/** The network for images of `input` shape [H, W, C] and `classes` outputs (logits). */
export function cnn(arch: ArchSpec, input: number[], classes: number): NetworkConfig {
  const activation = arch.activation ?? parseActivation('leaky_relu');
  const layers: LayerConfig[] = [];
  arch.conv.forEach((filters, i) => {
    layers.push({ type: 'conv2d', filters, kernelSize: arch.kernel, padding: 'same', activation });
    if (arch.poolEvery > 0 && (i + 1) % arch.poolEvery === 0) layers.push({ type: arch.pool === 'avg' ? 'avgpool2d' : 'maxpool2d', poolSize: 2 });
  });
  layers.push({ type: 'flatten' });
  const dropout = (): void => {
    if (arch.dropout && arch.dropout > 0) layers.push({ type: 'dropout', rate: arch.dropout });
  };
  for (const units of arch.dense) {
    dropout();
    layers.push({ type: 'dense', units, activation });
  }
  dropout();
  layers.push({ type: 'dense', units: classes });
  return { input, layers };
}
