/**
 * A `train` run: a task in one or more spaces (one seed) into a run directory, in this
 * process: the resolved configuration, per space a metrics CSV (appended as it goes), a
 * checkpoint and a result, then `summary.json` and the figures. Resumable.
 */
import type { TrainSettings } from '../experiments/settings.js';
import { taskName, type TaskSpec } from '../experiments/task_spec.js';
import type { Model } from '../train/model.js';
import { runJob, type JobResult } from './job.js';
import type { RunDir } from './run_dir.js';
import type { RunSummary } from './run_task_format.js';
import { makeTask } from './tasks.js';

export type { RunSummary, SpaceSummary } from './run_task_format.js';

export interface RunConfig {
  kind: 'run';
  task: TaskSpec;
  settings: TrainSettings;
}

export interface RunTaskOptions {
  /** SVG figures of each trained model by file stem (e.g. the decision surface). */
  figures?: (model: Model) => Record<string, string>;
  /** A progress display per space (e.g. a terminal bar); none by default. */
  progress?: (space: string, total: number) => { update(iteration: number, loss: number, accuracy: number): void; stop(): void };
  /** Polled after every step: true stops early (SIGINT); a later resume continues. */
  shouldStop?: () => boolean;
}

export interface RunOutcome {
  summary: RunSummary;
  results: JobResult[];
  /** False when stopped before every space finished. */
  complete: boolean;
}

export async function runTask(config: RunConfig, dir: RunDir, options: RunTaskOptions = {}): Promise<RunOutcome> {
  const task = makeTask(config.task);
  dir.writeJson('config.json', { ...config, network: task.network });
  const data = await task.load();
  const summary: RunSummary = { task: taskName(config.task), seed: config.settings.seed, spaces: {} };
  const results: JobResult[] = [];
  let complete = true;
  try {
    for (const space of config.settings.spaces) {
      const bar = options.progress?.(space, config.settings.iterations) ?? null;
      let result: JobResult | null;
      try {
        result = await runJob({ task: config.task, settings: config.settings, space, suffix: `-${space}` }, dir, {
          task,
          data,
          onStep: (it, loss, acc) => bar?.update(it, loss, acc),
          shouldStop: options.shouldStop,
          figures: options.figures,
        });
      } finally {
        bar?.stop();
      }
      if (!result) {
        complete = false;
        break;
      }
      results.push(result);
      summary.spaces[space] = result.summary;
      dir.writeJson('summary.json', summary);
    }
  } finally {
    data.dispose();
  }
  return { summary, results, complete };
}
