/**
 * A training loop over {@link Trainer} steps with periodic evaluation and early stop.
 */
import * as tf from '@tensorflow/tfjs';
import { evaluate, type Dataset, type Evaluation } from './evaluate.js';
import { Trainer, type TrainerOptions } from './trainer.js';
import type { Model } from './model.js';

export interface FitOptions extends TrainerOptions {
  iterations: number;
  /** Evaluate every this many iterations (and at 0 and the end). Default: about 50 rows in all. */
  evalEvery?: number;
  /** Extra sets evaluated at each row, e.g. { test }. */
  evalSets?: Record<string, Dataset>;
  /** The set reported as `train` in rows (default: the training set; e.g. a fixed subset of a big one). */
  trainEval?: Dataset;
  /** Rows per chunk when evaluating (bounds memory). Default 1000. */
  evalBatch?: number;
  /** Called after every step with the minibatch loss and accuracy (cheap: already computed). */
  onStep?: (iteration: number, loss: number, accuracy: number) => void;
  /** Called with every evaluation row. */
  onEval?: (row: MetricsRow) => void | Promise<void>;
  /** Polled after every step; true stops training early (e.g. on SIGINT). */
  shouldStop?: () => boolean;
  /** Continue an existing trainer (resume) instead of making a new one. */
  trainer?: Trainer;
  /** Resume: the history and first-perfect iteration recorded before the checkpoint. */
  resume?: FitState;
  /** Call onCheckpoint every this many iterations (0 or undefined: only at the end). */
  checkpointEvery?: number;
  /** Save a checkpoint: called periodically, at the end, and when stopped early. */
  onCheckpoint?: (state: FitState, trainer: Trainer) => Promise<void>;
}

/** What fit() itself needs to continue where it stopped. */
export interface FitState {
  history: MetricsRow[];
  firstPerfect: number | null;
}

export interface MetricsRow {
  iteration: number;
  /** Wall seconds since fit() started. */
  elapsed: number;
  /** Per evaluated set: loss and accuracy (always has `train`). */
  sets: Record<string, Evaluation>;
}

export interface FitResult {
  history: MetricsRow[];
  /** The first iteration at which accuracy on the whole training set reached 100% (null if never). */
  firstPerfect: number | null;
  /** The iteration reached (fewer than asked if stopped early). */
  iterations: number;
  wallSeconds: number;
}

/** How often fit() lets the event loop run (milliseconds of training). */
const YIELD_MS = 100;

/** Train `model` on `train` until `iterations` steps in all have run. */
export async function fit(model: Model, train: Dataset, options: FitOptions): Promise<FitResult> {
  if (!Number.isInteger(options.iterations) || options.iterations < 0) throw new Error(`fit: iterations must be a non-negative integer, got ${options.iterations}.`);
  const trainer = options.trainer ?? new Trainer(model, train, options);
  const evalEvery = options.evalEvery ?? Math.max(1, Math.round(options.iterations / 50));
  if (!Number.isInteger(evalEvery) || evalEvery < 1) throw new Error(`fit: evalEvery must be a positive integer, got ${options.evalEvery}.`);
  // Elapsed time continues across a resume.
  const start = performance.now() - 1000 * (options.resume?.history.at(-1)?.elapsed ?? 0);
  const history: MetricsRow[] = [...(options.resume?.history ?? [])];
  let firstPerfect: number | null = options.resume?.firstPerfect ?? null;
  const checkpoint = () => options.onCheckpoint?.({ history: [...history], firstPerfect }, trainer);

  const record = async (iteration: number) => {
    // One realisation serves every evaluated set.
    const weights = model.freeze();
    const sets: Record<string, Evaluation> = {};
    try {
      sets.train = evaluate(model, options.trainEval ?? train, trainer.loss, options.evalBatch, weights);
      for (const [name, data] of Object.entries(options.evalSets ?? {})) sets[name] = evaluate(model, data, trainer.loss, options.evalBatch, weights);
    } finally {
      tf.dispose(weights.flatMap((p) => Object.values(p)));
    }
    if (firstPerfect === null && sets.train.accuracy === 1) firstPerfect = iteration;
    const row = { iteration, elapsed: (performance.now() - start) / 1000, sets };
    history.push(row);
    await options.onEval?.(row);
  };

  try {
    if (trainer.iteration === 0) await record(0);
    let lastYield = performance.now();
    while (trainer.iteration < options.iterations) {
      const r = trainer.step();
      // Steps are synchronous: yield to the event loop now and then so that signals,
      // worker messages and (in a browser) the page are served while training.
      if (performance.now() - lastYield > YIELD_MS) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        lastYield = performance.now();
      }
      // Full batch: the step's accuracy is the whole training set's, before this update.
      if (trainer.fullBatch && firstPerfect === null && r.accuracy === 1) firstPerfect = r.iteration - 1;
      options.onStep?.(r.iteration, r.loss, r.accuracy);
      if (r.iteration % evalEvery === 0 || r.iteration === options.iterations) await record(r.iteration);
      const every = options.checkpointEvery ?? 0;
      if (every > 0 && r.iteration % every === 0 && r.iteration < options.iterations) await checkpoint();
      if (options.shouldStop?.()) break;
    }
    if (history.length > 0 && history[history.length - 1].iteration !== trainer.iteration) await record(trainer.iteration);
    await checkpoint();
  } finally {
    if (!options.trainer) trainer.dispose();
  }
  return { history, firstPerfect, iterations: trainer.iteration, wallSeconds: (performance.now() - start) / 1000 };
}
