/**
 * Tasks as plain, JSON-serialisable descriptions, so that a run can be saved, resumed
 * and handed to a worker process. src/node/tasks.ts turns a spec into a Task.
 */
import type { Activation } from '../nn/activations.js';
import type { BitTaskName } from '../data/bits.js';
import type { ArchSpec } from './architectures.js';

export interface SpiralsSpec {
  kind: 'spirals';
  hidden: number[];
  activation: Activation;
  shortcuts: boolean;
}

export type ImageDatasetName = 'mnist' | 'fashion-mnist' | 'cifar10' | 'cifar100';

export interface ImageSpec {
  kind: 'image';
  dataset: ImageDatasetName;
  arch: ArchSpec;
  /** X̄ = this many training images (paper: 100). */
  xbarCount: number;
  /** The first ones (paper) or a seeded random choice. */
  xbarChoice: 'first' | 'random';
  /** CIFAR-100: fine (100) or coarse (20) labels. */
  labelMode?: 'fine' | 'coarse';
  /** Keep only the first N images of each split (quick runs). */
  limit?: number;
  /** The `train` metric is measured on this many training images (bounded cost). */
  trainEvalCount: number;
  cacheDir?: string;
}

export interface BitsSpec {
  kind: 'bits';
  task: BitTaskName;
  delay: number;
  /** Sequence length (paper: delay + 50). */
  length: number;
  hidden: number;
  cell: 'rnn' | 'lstm';
  trainCount: number;
  testCount: number;
  /** X̄: this many sequences of `xbarLength` steps, real bit streams or uniform noise in [-1, 1]. */
  xbarCount: number;
  xbarLength: number;
  xbarNoise: boolean;
}

export interface TextSpec {
  kind: 'text';
  dataset: 'imdb' | 'spam';
  /** Vocabulary size (words; ids 0 and 1 are padding and out-of-vocabulary). */
  vocab: number;
  maxLength: number;
  embed: number;
  hidden: number;
  cell: 'rnn' | 'lstm';
  /** X̄: fixed uniform noise in [-1, 1] in embedding space (paper), or real sequences. */
  xbar: 'noise' | 'real';
  xbarCount: number;
  /** Keep only the first N documents of each split (quick runs). */
  limit?: number;
  /** Spam corpus: the seed and share of its train/test split. */
  splitSeed?: number;
  cacheDir?: string;
}

export type TaskSpec = SpiralsSpec | ImageSpec | BitsSpec | TextSpec;

/** A short name for files and tables, e.g. `spirals`, `fashion-mnist`, `bits-recall-d40`, `text-spam`. */
export function taskName(spec: TaskSpec): string {
  switch (spec.kind) {
    case 'spirals':
      return 'spirals';
    case 'image':
      return spec.dataset;
    case 'bits':
      return `bits-${spec.task}-d${spec.delay}`;
    case 'text':
      return `text-${spec.dataset}`;
  }
}
