/**
 * The paper's experiments as named, typed presets. Every default says where it comes
 * from: "paper" = Fairbank, Samothrakis, Citi, JMLR 23(8) 2022 (section given), "ref" =
 * the authors' reference scripts, "ours" = chosen here (usually to fit these machines).
 */
import { parseActivation } from '../nn/activations.js';
import { ARCH_PRESETS } from './architectures.js';
import { DEFAULT_SETTINGS, type TrainSettings } from './settings.js';
import type { BitsSpec, ImageSpec, TaskSpec, TextSpec } from './task_spec.js';

export interface Variant {
  name: string;
  settings?: Partial<TrainSettings>;
}

export interface ExperimentPreset {
  name: string;
  /** One line for `targetspace experiments`. */
  description: string;
  /** The paper's experiment and section it reproduces. */
  source: string;
  task: TaskSpec;
  settings: TrainSettings;
  /** Compared configurations (default: one, `default`); each runs in both spaces. */
  variants: Variant[];
  /** Training accuracy whose first reaching is reported (iterations and seconds). */
  threshold: number;
  /** Bit tasks: repeat the experiment for these delays and plot accuracy against delay. */
  delays?: number[];
}

const tanh = parseActivation('tanh');

/** E1 two-spirals (paper sec. 4.1, fig. 4). */
const spirals: ExperimentPreset = {
  name: 'spirals',
  description: 'two-spirals, 2-5-5-5-2 tanh with shortcuts, full batch, Adam 0.01, lambda 0.001',
  source: 'E1, paper sec. 4.1 and fig. 4',
  task: { kind: 'spirals', hidden: [5, 5, 5], activation: tanh, shortcuts: true }, // paper sec. 4.1
  settings: { ...DEFAULT_SETTINGS, iterations: 4000, evalEvery: 20 }, // ref: 4000 iterations
  variants: [{ name: 'default' }],
  threshold: 1,
};

const bitsTask = (task: BitsSpec['task'], delay: number): BitsSpec => ({
  kind: 'bits',
  task,
  delay,
  length: delay + 50, // paper sec. 5.1: sequence length d + 50
  hidden: delay + (task === 'recall' ? 3 : 5), // paper sec. 5.1: d + 3 (+2 for XOR and adder)
  cell: 'rnn',
  trainCount: 5000, // ours: a fixed pool of sequences (the reference draws fresh ones)
  testCount: 500,
  xbarCount: 100, // ref: 100 X̄ sequences
  xbarLength: delay + 50,
  xbarNoise: false,
});

const bitsSettings: TrainSettings = {
  ...DEFAULT_SETTINGS,
  iterations: 2000, // ours: the acceptance budget
  batchSize: 100, // ref
  learningRate: { target: 0.01, weight: 0.01 }, // ref: Adam 0.01
  lambda: 0.001, // paper sec. 5.1
  evalEvery: 50,
};

const imageTask = (dataset: ImageSpec['dataset'], arch: keyof typeof ARCH_PRESETS): ImageSpec => ({
  kind: 'image',
  dataset,
  arch: ARCH_PRESETS[arch].arch,
  xbarCount: 100, // paper sec. 4.2: the first 100 training images
  xbarChoice: 'first',
  trainEvalCount: 5000, // ours: bounds the cost of the train metric
});

const imageSettings: TrainSettings = {
  ...DEFAULT_SETTINGS,
  iterations: 550, // ours: one epoch of 55000 images at minibatch 100
  batchSize: 100, // paper sec. 4.2
  learningRate: { target: 0.01, weight: 0.001 }, // paper sec. 4.2: Adam 0.01 target / 0.001 weight
  lambda: 0.1, // paper sec. 4.2
  targetStd: 0.1, // paper sec. 3.4: std 0.1 for CNNs
  evalEvery: 110,
};

const textTask = (dataset: TextSpec['dataset']): TextSpec => ({
  kind: 'text',
  dataset,
  vocab: dataset === 'imdb' ? 5000 : 2000, // paper sec. 5.2: vocabulary 500-5000
  maxLength: dataset === 'imdb' ? 200 : 100, // paper: 50-500; ours: shorter to fit here
  embed: 32, // paper sec. 5.2
  hidden: 100, // paper sec. 5.2
  cell: 'rnn',
  xbar: 'noise', // paper sec. 5.2: fixed noise in embedding space
  xbarCount: 40, // ref: one minibatch of noise
});

const textSettings: TrainSettings = {
  ...DEFAULT_SETTINGS,
  iterations: 600,
  batchSize: 40, // paper sec. 5.2
  learningRate: { target: 0.001, weight: 0.001 }, // paper sec. 5.2: Adam 0.001
  lambda: 0.001,
  evalEvery: 100,
};

export const PRESETS: ExperimentPreset[] = [
  spirals,
  {
    ...spirals,
    name: 'spirals-no-shortcuts',
    description: 'two-spirals, 2-12-12-12-2 tanh without shortcuts',
    task: { kind: 'spirals', hidden: [12, 12, 12], activation: tanh, shortcuts: false }, // paper sec. 4.1
  },
  {
    ...spirals,
    name: 'spirals-scu-ocu',
    description: 'two-spirals: SCU against OCU realisation',
    source: 'E1 with the realisation modes of paper sec. 2.4',
    variants: [{ name: 'scu', settings: { mode: 'scu' } }, { name: 'ocu', settings: { mode: 'ocu' } }],
  },
  {
    name: 'fashion-mnist',
    description: 'Fashion-MNIST, small CNN, one epoch, Adam 0.01/0.001, lambda 0.1',
    source: 'E2, paper sec. 4.2',
    task: imageTask('fashion-mnist', 'small'),
    settings: imageSettings,
    variants: [{ name: 'default' }],
    threshold: 0.9,
  },
  {
    name: 'mnist',
    description: 'MNIST, small CNN, one epoch (needs the MNIST files: downloaded or placed by hand)',
    source: 'E2, paper sec. 4.2',
    task: imageTask('mnist', 'small'),
    settings: imageSettings,
    variants: [{ name: 'default' }],
    threshold: 0.97,
  },
  {
    name: 'cifar10',
    description: 'CIFAR-10, six-conv CNN, leaky relu (needs the CIFAR-10 files)',
    source: 'E2, paper sec. 4.2',
    task: imageTask('cifar10', 'cifar6'),
    settings: { ...imageSettings, iterations: 450 }, // ours: one epoch of 45000 images
    variants: [{ name: 'default' }],
    threshold: 0.6,
  },
  {
    name: 'cifar100',
    description: 'CIFAR-100 (fine labels), six-conv CNN, leaky relu (needs the CIFAR-100 files)',
    source: 'E2, paper sec. 4.2',
    task: imageTask('cifar100', 'cifar6'),
    settings: { ...imageSettings, iterations: 450 },
    variants: [{ name: 'default' }],
    threshold: 0.3,
  },
  {
    name: 'bits-recall',
    description: 'recall the bit from d = 40 steps ago, Elman RNN with 43 units',
    source: 'E3, paper sec. 5.1',
    task: bitsTask('recall', 40),
    settings: bitsSettings,
    variants: [{ name: 'default' }],
    threshold: 0.99,
  },
  {
    name: 'bits-recall-delays',
    description: 'recall over delays 10-60: accuracy against delay in both spaces',
    source: 'E3, paper sec. 5.1',
    task: bitsTask('recall', 10),
    settings: bitsSettings,
    variants: [{ name: 'default' }],
    threshold: 0.99,
    delays: [10, 20, 30, 40, 50, 60],
  },
  {
    name: 'bits-xor',
    description: 'XOR of bits d = 20 apart, Elman RNN with d + 5 units',
    source: 'E3, paper sec. 5.1',
    task: bitsTask('xor', 20),
    settings: { ...bitsSettings, iterations: 3000 },
    variants: [{ name: 'default' }],
    threshold: 0.99,
  },
  {
    name: 'bits-adder',
    description: 'serial binary adder of streams d = 20 apart, Elman RNN with d + 5 units',
    source: 'E3, paper sec. 5.1',
    task: bitsTask('adder', 20),
    settings: { ...bitsSettings, iterations: 3000 },
    variants: [{ name: 'default' }],
    threshold: 0.99,
  },
  {
    name: 'spam',
    description: 'SpamAssassin e-mails (local corpus), embedding 32 -> RNN 100, X̄ = noise',
    source: 'E4 (paper sec. 5.2) on a corpus available offline',
    task: textTask('spam'),
    settings: textSettings,
    variants: [{ name: 'default' }],
    threshold: 0.95,
  },
  {
    name: 'imdb',
    description: 'IMDB sentiment, embedding 32 -> RNN 100, minibatch 40, X̄ = noise (downloads aclImdb)',
    source: 'E4, paper sec. 5.2',
    task: textTask('imdb'),
    settings: { ...textSettings, iterations: 1250 }, // ours: two epochs of 25000 reviews
    variants: [{ name: 'default' }],
    threshold: 0.85,
  },
];

export function findPreset(name: string): ExperimentPreset {
  const p = PRESETS.find((q) => q.name === name);
  if (!p) throw new Error(`Unknown experiment '${name}': run 'targetspace experiments' to list them.`);
  return p;
}
