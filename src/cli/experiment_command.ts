/**
 * `targetspace experiments` (list) and `targetspace experiment NAME` (run over seeds in
 * parallel worker processes, then report); resuming an experiment directory.
 */
import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { PRESETS, findPreset } from '../experiments/presets.js';
import type { TrainSettings } from '../experiments/settings.js';
import { configFromPreset, planJobs, runPool, type ExperimentConfig, type PlannedJob } from '../node/experiment.js';
import { writeExperimentReport } from '../node/experiment_report.js';
import { comparisonText } from '../experiments/report.js';
import { RunDir } from '../node/run_dir.js';
import { defaultOutDir } from './common_options.js';
import { nonNegativeInt, nonNegativeNumber, oneOf, positiveInt, positiveNumber, spaces } from './parse.js';
import { stopSignal } from './signals.js';

export function experimentsCommand(): Command {
  return new Command('experiments').description("list the paper's experiments").action(() => {
    const w = Math.max(...PRESETS.map((p) => p.name.length));
    for (const p of PRESETS) console.log(`${p.name.padEnd(w)}  ${p.description} [${p.source}]`);
  });
}

interface ExperimentCliOptions {
  seeds: number;
  jobs: number;
  out?: string;
  space?: TrainSettings['spaces'];
  iterations?: number;
  batchSize?: number;
  lr?: number;
  lambda?: number;
  mode?: 'scu' | 'ocu';
  evalEvery?: number;
  checkpointEvery?: number;
  seed?: number;
  progress: boolean;
}

export function experimentCommand(): Command {
  return new Command('experiment')
    .description('run an experiment of the paper over seeds in both spaces, with a report')
    .argument('<name>', "an experiment from 'targetspace experiments'")
    .addOption(new Option('--seeds <n>', 'number of seeds').default(3).argParser(positiveInt))
    .addOption(new Option('--jobs <n>', 'parallel worker processes (default: one per core)').default(availableParallelism()).argParser(positiveInt))
    .addOption(new Option('--out <dir>', 'experiment directory (default: runs/<name>-<time>)'))
    .addOption(new Option('--space <space>', 'target, weight or both').argParser(spaces))
    .addOption(new Option('--iterations <n>', 'override the iterations').argParser(nonNegativeInt))
    .addOption(new Option('--batch-size <n>', 'override the minibatch size').argParser(positiveInt))
    .addOption(new Option('--lr <rate>', 'override the learning rate of both spaces').argParser(positiveNumber))
    .addOption(new Option('--lambda <x>', 'override lambda').argParser(nonNegativeNumber))
    .addOption(new Option('--mode <mode>', 'override the realisation mode').argParser(oneOf(['scu', 'ocu'] as const)))
    .addOption(new Option('--eval-every <n>', 'override the evaluation interval').argParser(positiveInt))
    .addOption(new Option('--checkpoint-every <n>', 'checkpoint interval in iterations').argParser(nonNegativeInt))
    .addOption(new Option('--seed <n>', 'first seed (default 1)').argParser(nonNegativeInt))
    .addOption(new Option('--no-progress', 'no progress output'))
    .action(async (name: string, o: ExperimentCliOptions) => {
      const preset = findPreset(name);
      const overrides: Partial<TrainSettings> = {};
      if (o.space) overrides.spaces = o.space;
      if (o.iterations !== undefined) overrides.iterations = o.iterations;
      if (o.batchSize !== undefined) overrides.batchSize = o.batchSize;
      if (o.lr !== undefined) overrides.learningRate = { target: o.lr, weight: o.lr };
      if (o.lambda !== undefined) overrides.lambda = o.lambda;
      if (o.mode) overrides.mode = o.mode;
      if (o.evalEvery !== undefined) overrides.evalEvery = o.evalEvery;
      if (o.checkpointEvery !== undefined) overrides.checkpointEvery = o.checkpointEvery;
      if (o.seed !== undefined) overrides.seed = o.seed;
      const config = configFromPreset(preset, o.seeds, overrides);
      await executeExperiment(config, o.out ?? defaultOutDir(name), o.jobs, o.progress);
    });
}

export async function resumeExperiment(dir: string, progress: boolean, jobs = availableParallelism()): Promise<void> {
  const config = JSON.parse(readFileSync(`${dir}/config.json`, 'utf8')) as ExperimentConfig;
  await executeExperiment(config, dir, jobs, progress, true);
}

async function executeExperiment(config: ExperimentConfig, out: string, parallel: number, progress: boolean, resume = false): Promise<void> {
  const dir = RunDir.open(out);
  if (!resume) dir.clearRun();
  dir.writeJson('config.json', config);
  const jobs = planJobs(config, dir.path);
  const stop = stopSignal();
  const t0 = performance.now();
  const log = (s: string) => progress && process.stderr.write(`${s}\n`);
  log(`${config.preset}: ${jobs.length} runs (${config.seeds.length} seeds x ${config.variants.length} variant(s) x ${config.settings.spaces.length} space(s)${config.delays ? ` x ${config.delays.length} delays` : ''}), ${parallel} at a time`);
  let done = 0;
  const status = (job: PlannedJob, what: string) => log(`[${((performance.now() - t0) / 1000).toFixed(0)}s] ${job.id} ${what}`);
  try {
    const complete = await runPool(jobs, parallel, {
      onStart: (job) => status(job, 'started'),
      onEnd: (job, finished) => status(job, finished ? `finished (${++done} done)` : 'stopped'),
      shouldStop: stop.requested,
    });
    if (!complete) {
      process.stderr.write(`Stopped. Finished runs and checkpoints are in ${dir.path}; continue with: targetspace resume ${out}\n`);
      process.exitCode = 130;
      return;
    }
  } finally {
    stop.dispose();
  }
  const { results, files } = writeExperimentReport(config, jobs, dir);
  console.log(`\n${comparisonText(results)}\n`);
  console.log(`Experiment directory: ${dir.path}`);
  for (const f of files) console.log(`  ${f}`);
}
