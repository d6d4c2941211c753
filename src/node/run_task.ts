/**
 * Run a task in one or more spaces into a run directory: the resolved configuration,
 * a metrics CSV per space (appended as it goes), `summary.json`, and plots.
 */
import { runSpace, type SpaceResult } from '../experiments/run.js';
import type { TrainSettings } from '../experiments/settings.js';
import type { Task } from '../experiments/task.js';
import type { Model, Space } from '../train/model.js';
import type { MetricsRow } from '../train/fit.js';
import { progressBar } from '../cli/progress.js';
import { RunDir } from './run_dir.js';

export interface RunTaskOptions {
  /** Extra per-space figures (SVG documents by file stem), e.g. the decision surface. */
  figures?: (model: Model, space: Space) => Record<string, string>;
  /** Show progress bars (default true). */
  progress?: boolean;
  /** Polled after every step: true stops early (SIGINT). */
  shouldStop?: () => boolean;
  /** Written into config.json beside the settings (task options etc.). */
  config?: Record<string, unknown>;
}

export interface SpaceSummary {
  train: { loss: number; accuracy: number };
  [set: string]: unknown;
  firstPerfectIteration: number | null;
  iterations: number;
  wallSeconds: number;
}

export interface RunSummary {
  task: string;
  seed: number;
  spaces: Partial<Record<Space, SpaceSummary>>;
}

/** CSV columns for a row: iteration, then loss/accuracy per set, then elapsed seconds. */
export function metricsHeader(sets: string[]): string[] {
  return ['iteration', ...sets.flatMap((s) => [`${s}_loss`, `${s}_accuracy`]), 'elapsed_seconds'];
}

export function metricsCells(row: MetricsRow, sets: string[]): (number | null)[] {
  return [row.iteration, ...sets.flatMap((s) => [row.sets[s]?.loss ?? null, row.sets[s]?.accuracy ?? null]), row.elapsed];
}

export function summarise(r: SpaceResult): SpaceSummary {
  const sets = Object.fromEntries(Object.entries(r.final).map(([k, v]) => [k, { loss: v.loss, accuracy: v.accuracy }]));
  return { ...sets, train: sets.train, firstPerfectIteration: r.firstPerfect, iterations: r.iterations, wallSeconds: r.wallSeconds };
}

export async function runTask(task: Task, settings: TrainSettings, dir: RunDir, options: RunTaskOptions = {}): Promise<{ summary: RunSummary; results: SpaceResult[]; figures: Record<string, string> }> {
  dir.writeJson('config.json', { task: task.name, network: task.network, settings, ...options.config });
  const data = await task.load();
  const summary: RunSummary = { task: task.name, seed: settings.seed, spaces: {} };
  const results: SpaceResult[] = [];
  const figures: Record<string, string> = {};
  try {
    const sets = ['train', ...Object.keys(data.evalSets)];
    for (const space of settings.spaces) {
      const append = dir.csv(`metrics-${space}.csv`, metricsHeader(sets));
      const bar = options.progress === false ? null : progressBar(space, settings.iterations);
      try {
        const result = await runSpace(task, data, settings, space, {
          onStep: (it, loss, acc) => bar?.update(it, loss, acc),
          onEval: (row) => append(metricsCells(row, sets)),
          shouldStop: options.shouldStop,
          onModel: (model) => {
            for (const [stem, svg] of Object.entries(options.figures?.(model, space) ?? {})) figures[`${stem}-${space}`] = svg;
          },
        });
        results.push(result);
        summary.spaces[space] = summarise(result);
        dir.writeJson('summary.json', summary);
      } finally {
        bar?.stop();
      }
      if (options.shouldStop?.()) break;
    }
  } finally {
    data.dispose();
  }
  return { summary, results, figures };
}
