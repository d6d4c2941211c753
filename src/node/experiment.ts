/**
 * Experiments: a preset run over seeds, variants (and delays) in both spaces, each run a
 * job in its own worker process (one per core by default), then aggregated into
 * `results.json`, PNG plots and a self-contained `report.html`. Resumable: finished jobs
 * are skipped, interrupted ones continue from their checkpoints.
 */
import { fork } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExperimentPreset, Variant } from '../experiments/presets.js';
import type { TrainSettings } from '../experiments/settings.js';
import type { BitsSpec, TaskSpec } from '../experiments/task_spec.js';
import type { Space } from '../train/model.js';
import { jobFiles, type JobResult, type JobSpec } from './job.js';
import { RunDir } from './run_dir.js';

export interface ExperimentConfig {
  kind: 'experiment';
  preset: string;
  description: string;
  source: string;
  task: TaskSpec;
  settings: TrainSettings;
  variants: Variant[];
  seeds: number[];
  threshold: number;
  delays?: number[];
}

export interface PlannedJob {
  /** e.g. `default/target-seed1` or `default-d40/weight-seed2`. */
  id: string;
  group: { variant: string; delay?: number; space: Space };
  seed: number;
  spec: JobSpec;
  dir: string;
}

export function configFromPreset(p: ExperimentPreset, seeds: number, overrides: Partial<TrainSettings> = {}): ExperimentConfig {
  return {
    kind: 'experiment',
    preset: p.name,
    description: p.description,
    source: p.source,
    task: p.task,
    settings: { ...p.settings, ...overrides },
    variants: p.variants,
    seeds: Array.from({ length: seeds }, (_, i) => (overrides.seed ?? p.settings.seed) + i),
    threshold: p.threshold,
    delays: p.delays,
  };
}

/** A bit task at another delay, with the paper's length and hidden units for it. */
function atDelay(task: TaskSpec, delay: number | undefined): TaskSpec {
  if (delay === undefined || task.kind !== 'bits') return task;
  const t: BitsSpec = { ...task, delay, length: delay + 50, xbarLength: delay + 50, hidden: delay + (task.task === 'recall' ? 3 : 5) };
  return t;
}

export function planJobs(config: ExperimentConfig, root: string): PlannedJob[] {
  const jobs: PlannedJob[] = [];
  for (const delay of config.delays ?? [undefined]) {
    for (const variant of config.variants) {
      for (const space of config.settings.spaces) {
        for (const seed of config.seeds) {
          const group = `${variant.name}${delay === undefined ? '' : `-d${delay}`}`;
          const id = `${group}/${space}-seed${seed}`;
          const settings: TrainSettings = { ...config.settings, ...variant.settings, seed, spaces: [space] };
          jobs.push({ id, group: { variant: variant.name, delay, space }, seed, spec: { task: atDelay(config.task, delay), settings, space, suffix: '' }, dir: join(root, 'jobs', group, `${space}-seed${seed}`) });
        }
      }
    }
  }
  return jobs;
}

export function readJobResult(job: PlannedJob): JobResult | null {
  const path = join(job.dir, jobFiles('').result);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as JobResult) : null;
}

export interface PoolHooks {
  onStart?: (job: PlannedJob) => void;
  onStep?: (job: PlannedJob, iteration: number, loss: number, accuracy: number) => void;
  onEnd?: (job: PlannedJob, finished: boolean) => void;
  shouldStop?: () => boolean;
}

/** The worker entry beside this file (compiled .js, or .ts under tsx in development). */
function workerPath(): string {
  const here = fileURLToPath(import.meta.url);
  return join(here, '..', '..', 'cli', here.endsWith('.ts') ? 'worker.ts' : 'worker.js');
}

function runInWorker(job: PlannedJob, hooks: PoolHooks): Promise<boolean> {
  RunDir.open(job.dir);
  return new Promise((resolve, reject) => {
    const child = fork(workerPath(), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: process.execArgv });
    let settled = false;
    const poll = setInterval(() => {
      if (hooks.shouldStop?.() && child.connected) child.send({ type: 'stop' });
    }, 200);
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearInterval(poll);
      f();
    };
    child.on('message', (m: { type: string; iteration?: number; loss?: number; accuracy?: number; finished?: boolean; message?: string }) => {
      if (m.type === 'step') hooks.onStep?.(job, m.iteration!, m.loss!, m.accuracy!);
      else if (m.type === 'done') finish(() => resolve(m.finished!));
      else if (m.type === 'error') finish(() => reject(new Error(`${job.id}: ${m.message}`)));
    });
    child.on('exit', (code, signal) => finish(() => reject(new Error(`${job.id}: the worker exited (${signal ?? `code ${code}`}) before finishing.`))));
    child.send({ type: 'run', spec: job.spec, dir: job.dir });
  });
}

/** Run jobs, `parallel` at a time; finished ones are skipped. Resolves true if all finished. */
export async function runPool(jobs: PlannedJob[], parallel: number, hooks: PoolHooks = {}): Promise<boolean> {
  const queue = jobs.filter((j) => readJobResult(j) === null);
  let allFinished = true;
  let failure: Error | null = null;
  const lane = async () => {
    while (queue.length > 0 && !failure && !hooks.shouldStop?.()) {
      const job = queue.shift()!;
      hooks.onStart?.(job);
      try {
        const finished = await runInWorker(job, hooks);
        if (!finished) allFinished = false;
        hooks.onEnd?.(job, finished);
      } catch (e) {
        failure = e as Error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, parallel) }, lane));
  if (failure) throw failure;
  return allFinished && queue.length === 0;
}
