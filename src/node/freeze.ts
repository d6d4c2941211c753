/**
 * Freeze a trained run: rebuild its model from a checkpoint (either space), realise the
 * weights once and export them as a TensorFlow.js LayersModel directory.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TrainSettings } from '../experiments/settings.js';
import type { TaskSpec } from '../experiments/task_spec.js';
import { buildModel } from '../experiments/run.js';
import { toLayersModel } from '../export/layers_model.js';
import { restoreCheckpoint } from '../train/checkpoint.js';
import { Trainer } from '../train/trainer.js';
import type { Space } from '../train/model.js';
import { readCheckpoint } from './checkpoint_file.js';
import { saveLayersModel } from './export_model.js';
import { makeTask } from './tasks.js';

/** Checkpoint files of a run directory, a job directory, or a checkpoint path itself. */
export function findCheckpoints(path: string): string[] {
  if (!existsSync(path)) throw new Error(`'${path}' does not exist: pass a run directory (or a checkpoint file) written by 'targetspace train' or 'experiment'.`);
  if (statSync(path).isFile()) return [path];
  const found = readdirSync(path).filter((f) => /^checkpoint(-\w+)?\.bin$/.test(f)).map((f) => join(path, f));
  if (found.length === 0) throw new Error(`no checkpoints in '${path}': is it a run directory? (experiments keep one per run under jobs/<variant>/<space>-seed<k>/)`);
  return found;
}

/**
 * Export every checkpoint found at `path` to `<out>/model-<space>` (out defaults to the
 * run directory). Returns the directories written.
 */
export async function freezeRun(path: string, out?: string): Promise<string[]> {
  const written: string[] = [];
  for (const file of findCheckpoints(path)) {
    const ck = readCheckpoint(file);
    const meta = ck.header.meta as { task?: TaskSpec; settings?: TrainSettings; space?: Space };
    if (!meta.task || !meta.settings || !meta.space) throw new Error(`checkpoint '${file}' does not say which task and settings made it.`);
    const task = makeTask(meta.task);
    const data = await task.load();
    const model = buildModel(task, data, meta.settings, meta.space);
    const trainer = new Trainer(model, data.train, { optimiser: { name: meta.settings.optimiser, learningRate: meta.settings.learningRate[meta.space] }, seed: meta.settings.seed, batchSize: meta.settings.batchSize });
    try {
      await restoreCheckpoint(ck, model, trainer);
      const frozen = model.freeze();
      const layers = toLayersModel(model.net, frozen);
      const target = join(out ?? dirname(file), `model-${meta.space}`);
      await saveLayersModel(layers, target);
      layers.dispose();
      for (const p of frozen) for (const t of Object.values(p)) t.dispose();
      written.push(target);
    } finally {
      trainer.dispose();
      model.dispose();
      data.dispose();
    }
  }
  return written;
}
