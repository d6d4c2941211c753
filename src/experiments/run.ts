/**
 * Run one task in one space: build the model (weights or targets on X̄), train it with
 * the shared trainer and evaluate it. The same function serves every task and both
 * spaces, so a target-vs-weight comparison differs only in `space`.
 */
import type { Evaluation } from '../train/evaluate.js';
import { fit, type MetricsRow } from '../train/fit.js';
import { Model, type Space } from '../train/model.js';
import { Network } from '../nn/network.js';
import { captureCheckpoint, restoreCheckpoint, type Checkpoint } from '../train/checkpoint.js';
import { Trainer } from '../train/trainer.js';
import type { Task, TaskData } from './task.js';
import type { TrainSettings } from './settings.js';

export interface RunHooks {
  onStep?: (iteration: number, loss: number, accuracy: number) => void;
  onEval?: (row: MetricsRow) => void | Promise<void>;
  shouldStop?: () => boolean;
  /** Called with the trained model before it is disposed (e.g. to draw or save it). */
  onModel?: (model: Model) => void | Promise<void>;
  /** Persist a checkpoint (every settings.checkpointEvery iterations, at the end, on stop). */
  saveCheckpoint?: (ck: Checkpoint) => void | Promise<void>;
  /** Continue from this checkpoint instead of starting afresh. */
  resume?: Checkpoint;
  /** Stored in checkpoints (what is needed to rebuild the run). */
  meta?: Record<string, unknown>;
}

export interface SpaceResult {
  space: Space;
  /** Final loss and accuracy per evaluated set (`train` and the task's sets). */
  final: Record<string, Evaluation>;
  /** First iteration at which training accuracy reached 100%, null if never. */
  firstPerfect: number | null;
  iterations: number;
  wallSeconds: number;
  history: MetricsRow[];
}

/** Build a fresh model for `space` from the settings (seeded). */
export function buildModel(task: Task, data: TaskData, settings: TrainSettings, space: Space): Model {
  const net = new Network(task.network);
  return Model.create(net, {
    space,
    seed: settings.seed,
    xbar: data.xbar,
    lambda: settings.lambda,
    mode: settings.mode,
    targetStd: settings.targetStd,
    project: settings.project,
    xbarAt: task.xbarAt,
  });
}

export async function runSpace(task: Task, data: TaskData, settings: TrainSettings, space: Space, hooks: RunHooks = {}): Promise<SpaceResult> {
  const model = buildModel(task, data, settings, space);
  const trainer = new Trainer(model, data.train, {
    batchSize: settings.batchSize,
    optimiser: { name: settings.optimiser, learningRate: settings.learningRate[space] },
    loss: settings.loss,
    seed: settings.seed,
  });
  try {
    const resume = hooks.resume ? await restoreCheckpoint(hooks.resume, model, trainer) : undefined;
    const save = hooks.saveCheckpoint;
    const result = await fit(model, data.train, {
      ...trainer.options,
      trainer,
      resume,
      iterations: settings.iterations,
      checkpointEvery: settings.checkpointEvery,
      onCheckpoint: save ? async (state, tr) => save(await captureCheckpoint(model, tr, state, hooks.meta ?? {})) : undefined,
      evalEvery: settings.evalEvery,
      evalSets: data.evalSets,
      trainEval: data.trainEval,
      onStep: hooks.onStep,
      onEval: hooks.onEval,
      shouldStop: hooks.shouldStop,
    });
    await hooks.onModel?.(model);
    const last = result.history[result.history.length - 1];
    return { space, final: last.sets, firstPerfect: result.firstPerfect, iterations: result.iterations, wallSeconds: result.wallSeconds, history: result.history };
  } finally {
    trainer.dispose();
    model.dispose();
  }
}
