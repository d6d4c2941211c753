/**
 * `targetspace train mnist|fashion-mnist|cifar10|cifar100`: CNNs (paper E2).
 */
import { Command, Option } from 'commander';
import { ARCH_PRESETS, parseArchPreset, type ArchSpec } from '../experiments/architectures.js';
import { findPreset } from '../experiments/presets.js';
import type { ImageDatasetName, ImageSpec } from '../experiments/task_spec.js';
import { ACTIVATIONS, parseActivation } from '../nn/activations.js';
import { addCommonOptions, defaultOutDir, settingsFrom, type CommonOptions } from './common_options.js';
import { intList, nonNegativeInt, oneOf, positiveInt, positiveNumber } from './parse.js';
import { executeRun } from './run_command.js';

/** Training images after the paper's validation split (the last 5000). */
const TRAIN_SIZES: Record<ImageDatasetName, number> = { mnist: 55000, 'fashion-mnist': 55000, cifar10: 45000, cifar100: 45000 };

interface ImageCliOptions extends CommonOptions {
  preset: string;
  conv?: number[];
  kernel?: number;
  pool?: 'max' | 'avg' | 'none';
  poolEvery?: number;
  dense?: number[];
  activation?: string;
  dropout: number;
  epochs?: number;
  xbarCount: number;
  xbarChoice: 'first' | 'random';
  labelMode: 'fine' | 'coarse';
  limit?: number;
  dataDir?: string;
}

function dropoutRate(v: string): number {
  const x = Number(v);
  if (!(x >= 0 && x < 1)) throw new Error(`--dropout must be in [0, 1), got ${v}.`);
  return x;
}

export function imageCommand(dataset: ImageDatasetName): Command {
  const presetName = dataset.startsWith('cifar') ? dataset : dataset === 'mnist' ? 'mnist' : 'fashion-mnist';
  const defaults = findPreset(presetName).settings;
  const cmd = new Command(dataset).description(`${dataset} with a CNN (paper E2); X̄ = the first 100 training images`);
  addCommonOptions(cmd, defaults)
    .addOption(new Option('--preset <name>', `architecture: ${Object.entries(ARCH_PRESETS).map(([k, v]) => `${k} (${v.description})`).join('; ')}`).default(dataset.startsWith('cifar') ? 'cifar6' : 'small'))
    .addOption(new Option('--conv <filters>', 'convolution filters, e.g. 16,32 (replaces the preset)').argParser(intList))
    .addOption(new Option('--kernel <k>', 'convolution kernel size').argParser(positiveInt))
    .addOption(new Option('--pool <kind>', 'pooling: max, avg or none').argParser(oneOf(['max', 'avg', 'none'] as const)))
    .addOption(new Option('--pool-every <n>', 'a 2x2 pooling after every n convolutions').argParser(positiveInt))
    .addOption(new Option('--dense <units>', 'hidden dense layers, e.g. 100 (0 for none)').argParser((v) => (v === '0' ? [] : intList(v))))
    .addOption(new Option('--activation <name>', `hidden activation (default leaky_relu 0.2): ${ACTIVATIONS.join(', ')}`).argParser(oneOf([...ACTIVATIONS, 'leaky-relu'])))
    .addOption(new Option('--dropout <rate>', 'dropout before dense layers (training only)').default(0).argParser(dropoutRate))
    .addOption(new Option('--epochs <n>', 'train for this many epochs (sets --iterations)').argParser(positiveNumber))
    .addOption(new Option('--xbar-count <n>', 'X̄ size in training images').default(100).argParser(positiveInt))
    .addOption(new Option('--xbar-choice <how>', 'X̄: first images or a seeded random choice').default('first').argParser(oneOf(['first', 'random'] as const)))
    .addOption(new Option('--label-mode <mode>', 'CIFAR-100 labels: fine or coarse').default('fine').argParser(oneOf(['fine', 'coarse'] as const)))
    .addOption(new Option('--limit <n>', 'use only the first n images of each split (quick runs)').argParser(nonNegativeInt))
    .addOption(new Option('--data-dir <dir>', 'data-set cache directory (default $TARGETSPACE_DATA or ~/.cache/targetspace/datasets)'))
    .action(async (o: ImageCliOptions) => {
      const base = ARCH_PRESETS[parseArchPreset(o.preset)].arch;
      const arch: ArchSpec = {
        ...base,
        conv: o.conv ?? base.conv,
        kernel: o.kernel ?? base.kernel,
        poolEvery: o.pool === 'none' ? 0 : o.poolEvery ?? base.poolEvery,
        pool: o.pool === 'avg' ? 'avg' : 'max',
        dense: o.dense ?? base.dense,
        dropout: o.dropout,
        activation: o.activation ? parseActivation(o.activation) : undefined,
      };
      const settings = settingsFrom(o, defaults);
      const batch = settings.batchSize ?? 100;
      if (o.epochs !== undefined) settings.iterations = Math.ceil((o.epochs * Math.min(TRAIN_SIZES[dataset], o.limit ?? Infinity)) / batch);
      if (o.evalEvery === undefined) settings.evalEvery = Math.max(1, Math.round(settings.iterations / 5));
      const task: ImageSpec = {
        kind: 'image',
        dataset,
        arch,
        xbarCount: o.xbarCount,
        xbarChoice: o.xbarChoice,
        labelMode: o.labelMode,
        limit: o.limit,
        trainEvalCount: 5000,
        cacheDir: o.dataDir,
      };
      await executeRun({ kind: 'run', task, settings }, o.out ?? defaultOutDir(dataset), o.progress);
    });
  return cmd;
}
