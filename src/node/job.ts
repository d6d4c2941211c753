/**
 * One training job: a task in one space with one seed, written into a run directory
 * with checkpoints so that it can be interrupted and resumed. A job whose result file
 * exists is finished and is skipped; one with a checkpoint continues from it, bit for bit.
 */

import { existsSync, readFileSync } from 'node:fs';
import { runSpace, type SpaceResult } from '../experiments/run.js';
import type { TrainSettings } from '../experiments/settings.js';
import type { Task, TaskData } from '../experiments/task.js';
import type { TaskSpec } from '../experiments/task_spec.js';
import type { Model, Space } from '../train/model.js';
import { readCheckpoint, writeCheckpoint } from './checkpoint_file.js';
import type { RunDir } from './run_dir.js';
import { metricsCells, metricsHeader, summarise, type SpaceSummary } from './run_task_format.js';
import { makeTask } from './tasks.js';

export interface JobSpec {
  task: TaskSpec;
  settings: TrainSettings;
  space: Space;
  /** File names get this suffix, e.g. `-target`: metrics-target.csv, checkpoint-target.bin. */
  suffix: string;
}

export interface JobHooks {
  /** Loaded data to share between jobs of one process (else the job loads its own). */
  data?: TaskData;
  task?: Task;
  onStep?: (iteration: number, loss: number, accuracy: number) => void;
  shouldStop?: () => boolean;
  /** SVG figures of the trained model (e.g. a decision surface), saved as `<stem><suffix>.svg`. */
  figures?: (model: Model) => Record<string, string>;
}

export interface JobResult {
  spec: JobSpec;
  summary: SpaceSummary;
  history: SpaceResult['history'];
}

export const jobFiles = (suffix: string) => ({
  metrics: `metrics${suffix}.csv`,
  checkpoint: `checkpoint${suffix}.bin`,
  result: `result${suffix}.json`,
});

/** Run (or resume, or skip) a job; resolves null when it was stopped before the end. */
export async function runJob(spec: JobSpec, dir: RunDir, hooks: JobHooks = {}): Promise<JobResult | null> {
  const files = jobFiles(spec.suffix);
  if (existsSync(dir.file(files.result))) return JSON.parse(readFileSync(dir.file(files.result), 'utf8')) as JobResult;
  const task = hooks.task ?? makeTask(spec.task);
  const data = hooks.data ?? (await task.load());
  const meta = { task: spec.task, settings: spec.settings, space: spec.space };
  let resume = undefined;
  if (existsSync(dir.file(files.checkpoint))) {
    resume = readCheckpoint(dir.file(files.checkpoint));
    if (JSON.stringify(resume.header.meta) !== JSON.stringify(meta)) {
      throw new Error(`checkpoint '${dir.file(files.checkpoint)}' belongs to a different configuration than this run's; delete it (or the run directory) to start afresh.`);
    }
  }
  try {
    const sets = ['train', ...Object.keys(data.evalSets)];
    // On resume, the metrics file is rewritten from the checkpoint's history: rows logged
    // after the checkpoint are logged again as training repeats them.
    const append = dir.csv(files.metrics, metricsHeader(sets));
    for (const row of resume?.header.fit.history ?? []) append(metricsCells(row, sets));
    const figures: Record<string, string> = {};
    const result = await runSpace(task, data, spec.settings, spec.space, {
      onStep: hooks.onStep,
      onEval: (row) => append(metricsCells(row, sets)),
      shouldStop: hooks.shouldStop,
      saveCheckpoint: (ck) => writeCheckpoint(dir.file(files.checkpoint), ck),
      resume,
      meta,
      onModel: (model) => {
        Object.assign(figures, hooks.figures?.(model) ?? {});
      },
    });
    if (result.iterations < spec.settings.iterations) return null;
    for (const [stem, svg] of Object.entries(figures)) dir.writeFile(`${stem}${spec.suffix}.svg`, svg);
    const out: JobResult = { spec, summary: summarise(result), history: result.history };
    dir.writeJson(files.result, out);
    return out;
  } finally {
    if (!hooks.data) data.dispose();
  }
}


