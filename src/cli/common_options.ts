/**
 * Options every `train` command shares, and their conversion to TrainSettings.
 */
import { Option, type Command } from 'commander';
import { DEFAULT_SETTINGS, type TrainSettings } from '../experiments/settings.js';
import { OPTIMISERS, type OptimiserName } from '../train/optimisers.js';
import { LOSSES, type LossName } from '../train/losses.js';
import type { Space } from '../train/model.js';
import { nonNegativeInt, nonNegativeNumber, oneOf, positiveInt, positiveNumber, spaces } from './parse.js';

export interface CommonOptions {
  space: Space[];
  optimiser: OptimiserName;
  lr?: number;
  lrTarget?: number;
  lrWeight?: number;
  iterations?: number;
  batchSize?: number;
  seed: number;
  loss: LossName;
  lambda?: number;
  mode: 'scu' | 'ocu';
  projection: boolean;
  targetStd?: number;
  evalEvery?: number;
  checkpointEvery?: number;
  out?: string;
  progress: boolean;
}

/** Add the shared options; `d` holds this task's defaults (shown in --help). */
export function addCommonOptions(cmd: Command, d: TrainSettings): Command {
  return cmd
    .addOption(new Option('--space <space>', 'target, weight or both (side by side)').default(d.spaces.length === 2 ? ['target', 'weight'] : d.spaces, d.spaces.length === 2 ? 'both' : d.spaces[0]).argParser(spaces))
    .addOption(new Option('--optimiser <name>', `optimiser: ${OPTIMISERS.join(', ')}`).default(d.optimiser).argParser(oneOf(OPTIMISERS)))
    .addOption(new Option('--optimizer <name>', 'alias of --optimiser').argParser(oneOf(OPTIMISERS)).hideHelp())
    .addOption(new Option('--lr <rate>', `learning rate for both spaces (default: target ${d.learningRate.target}, weight ${d.learningRate.weight})`).argParser(positiveNumber))
    .addOption(new Option('--lr-target <rate>', 'learning rate in target space').argParser(positiveNumber))
    .addOption(new Option('--lr-weight <rate>', 'learning rate in weight space').argParser(positiveNumber))
    .addOption(new Option('--iterations <n>', `training iterations (default ${d.iterations})`).argParser(nonNegativeInt))
    .addOption(new Option('--batch-size <n>', `minibatch size (default: ${d.batchSize ?? 'full batch'})`).argParser(positiveInt))
    .addOption(new Option('--seed <n>', 'random seed').default(d.seed).argParser(nonNegativeInt))
    .addOption(new Option('--loss <name>', 'cross_entropy (softmax) or mse (against one-hot labels)').default(d.loss).argParser(oneOf(LOSSES)))
    .addOption(new Option('--lambda <x>', `pseudoinverse regularisation (default ${d.lambda})`).argParser(nonNegativeNumber))
    .addOption(new Option('--mode <mode>', 'realisation: scu or ocu').default(d.mode).argParser(oneOf(['scu', 'ocu'] as const)))
    .addOption(new Option('--no-projection', 'skip the initial projection of the targets'))
    .addOption(new Option('--target-std <x>', `std of the initial targets (default ${d.targetStd})`).argParser(positiveNumber))
    .addOption(new Option('--eval-every <n>', `evaluate every n iterations (default ${d.evalEvery})`).argParser(positiveInt))
    .addOption(new Option('--checkpoint-every <n>', 'save a checkpoint every n iterations (default: at the end only)').argParser(nonNegativeInt))
    .addOption(new Option('--out <dir>', 'run directory (default: runs/<task>-<time>)'))
    .addOption(new Option('--no-progress', 'no progress bars'));
}

/** Merge parsed options over a task's defaults. */
export function settingsFrom(o: CommonOptions & { optimizer?: OptimiserName }, d: TrainSettings): TrainSettings {
  return {
    ...d,
    spaces: o.space,
    seed: o.seed,
    loss: o.loss,
    iterations: o.iterations ?? d.iterations,
    batchSize: o.batchSize ?? d.batchSize,
    optimiser: o.optimizer ?? o.optimiser,
    learningRate: {
      target: o.lrTarget ?? o.lr ?? d.learningRate.target,
      weight: o.lrWeight ?? o.lr ?? d.learningRate.weight,
    },
    lambda: o.lambda ?? d.lambda,
    mode: o.mode,
    project: o.projection,
    targetStd: o.targetStd ?? d.targetStd,
    evalEvery: o.evalEvery ?? d.evalEvery,
    checkpointEvery: o.checkpointEvery ?? d.checkpointEvery,
  };
}

/** runs/<task>-<yyyymmdd-hhmmss> */
export function defaultOutDir(task: string): string {
  const t = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `runs/${task}-${t}`;
}
