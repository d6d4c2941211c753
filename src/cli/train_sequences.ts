/**
 * `targetspace train bits` (paper E3) and `targetspace train text` (paper E4).
 */
import { Command, Option } from 'commander';
import { BIT_TASKS, paperHiddenUnits, type BitTaskName } from '../data/bits.js';
import { findPreset } from '../experiments/presets.js';
import type { BitsSpec, TextSpec } from '../experiments/task_spec.js';
import { addCommonOptions, defaultOutDir, settingsFrom, type CommonOptions } from './common_options.js';
import { nonNegativeInt, oneOf, positiveInt } from './parse.js';
import { executeRun } from './run_command.js';

interface BitsCliOptions extends CommonOptions {
  task: BitTaskName;
  delay: number;
  length?: number;
  hidden?: number;
  cell: 'rnn' | 'lstm';
  trainCount: number;
  testCount: number;
  xbarCount: number;
  xbarLength?: number;
  xbar: 'real' | 'noise';
}

export function bitsCommand(): Command {
  const defaults = findPreset('bits-recall').settings;
  const cmd = new Command('bits').description('long-delay bit-stream tasks with an RNN (paper E3): recall, xor, adder');
  addCommonOptions(cmd, defaults)
    .addOption(new Option('--task <task>', `task: ${BIT_TASKS.join(', ')}`).default('recall').argParser(oneOf(BIT_TASKS)))
    .addOption(new Option('--delay <d>', 'delay d in steps').default(40).argParser(positiveInt))
    .addOption(new Option('--length <n>', 'sequence length (default d + 50)').argParser(positiveInt))
    .addOption(new Option('--hidden <n>', 'hidden units (default d + 3; d + 5 for xor and adder)').argParser(positiveInt))
    .addOption(new Option('--cell <cell>', 'recurrent layer: rnn (Elman) or lstm (weight-space baseline)').default('rnn').argParser(oneOf(['rnn', 'lstm'] as const)))
    .addOption(new Option('--train-count <n>', 'training sequences').default(5000).argParser(positiveInt))
    .addOption(new Option('--test-count <n>', 'test sequences').default(500).argParser(positiveInt))
    .addOption(new Option('--xbar-count <n>', 'X̄ sequences').default(100).argParser(positiveInt))
    .addOption(new Option('--xbar-length <n>', 'X̄ sequence length (default: the training length)').argParser(positiveInt))
    .addOption(new Option('--xbar <kind>', 'X̄: real bit streams or uniform noise in [-1, 1]').default('real').argParser(oneOf(['real', 'noise'] as const)))
    .action(async (o: BitsCliOptions) => {
      const length = o.length ?? o.delay + 50;
      if (length <= o.delay) throw new Error(`--length (${length}) must exceed --delay (${o.delay}).`);
      const task: BitsSpec = {
        kind: 'bits',
        task: o.task,
        delay: o.delay,
        length,
        hidden: o.hidden ?? paperHiddenUnits(o.task, o.delay),
        cell: o.cell,
        trainCount: o.trainCount,
        testCount: o.testCount,
        xbarCount: o.xbarCount,
        xbarLength: o.xbarLength ?? length,
        xbarNoise: o.xbar === 'noise',
      };
      await executeRun({ kind: 'run', task, settings: settingsFrom(o, defaults) }, o.out ?? defaultOutDir(`bits-${o.task}`), o.progress);
    });
  return cmd;
}

interface TextCliOptions extends CommonOptions {
  dataset: 'imdb' | 'spam';
  vocab?: number;
  maxLength?: number;
  embed: number;
  hidden: number;
  cell: 'rnn' | 'lstm';
  xbar: 'noise' | 'real';
  xbarCount: number;
  limit?: number;
  dataDir?: string;
}

export function textCommand(): Command {
  const defaults = findPreset('spam').settings;
  const cmd = new Command('text').description('text classification with an RNN (paper E4): imdb (downloaded) or spam (local corpus)');
  addCommonOptions(cmd, defaults)
    .addOption(new Option('--dataset <name>', 'imdb or spam').default('spam').argParser(oneOf(['imdb', 'spam'] as const)))
    .addOption(new Option('--vocab <n>', 'vocabulary size in words (default 5000 imdb, 2000 spam)').argParser(positiveInt))
    .addOption(new Option('--max-length <n>', 'tokens per document, padded/truncated at the front (default 200 imdb, 100 spam)').argParser(positiveInt))
    .addOption(new Option('--embed <n>', 'embedding size').default(32).argParser(positiveInt))
    .addOption(new Option('--hidden <n>', 'recurrent units').default(100).argParser(positiveInt))
    .addOption(new Option('--cell <cell>', 'recurrent layer: rnn (Elman) or lstm').default('rnn').argParser(oneOf(['rnn', 'lstm'] as const)))
    .addOption(new Option('--xbar <kind>', 'X̄: noise in embedding space (paper) or real documents').default('noise').argParser(oneOf(['noise', 'real'] as const)))
    .addOption(new Option('--xbar-count <n>', 'X̄ sequences').default(40).argParser(positiveInt))
    .addOption(new Option('--limit <n>', 'use only the first n documents of each split').argParser(nonNegativeInt))
    .addOption(new Option('--data-dir <dir>', 'data-set cache directory'))
    .action(async (o: TextCliOptions) => {
      const imdb = o.dataset === 'imdb';
      const task: TextSpec = {
        kind: 'text',
        dataset: o.dataset,
        vocab: o.vocab ?? (imdb ? 5000 : 2000),
        maxLength: o.maxLength ?? (imdb ? 200 : 100),
        embed: o.embed,
        hidden: o.hidden,
        cell: o.cell,
        xbar: o.xbar,
        xbarCount: o.xbarCount,
        limit: o.limit,
        splitSeed: 1,
        cacheDir: o.dataDir,
      };
      await executeRun({ kind: 'run', task, settings: settingsFrom(o, defaults) }, o.out ?? defaultOutDir(`text-${o.dataset}`), o.progress);
    });
  return cmd;
}
