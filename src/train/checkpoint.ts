/**
 * Checkpoints as plain data: the model's variables (weights or targets), the optimiser's
 * state, the trainer's position (iteration, RNG, epoch order) and fit()'s history, so a
 * resumed run continues bit for bit. File IO lives in src/node/checkpoint_file.ts.
 */
import * as tf from '@tensorflow/tfjs';
import type { FitState } from './fit.js';
import type { Model } from './model.js';
import type { Trainer, TrainerState } from './trainer.js';

export const CHECKPOINT_FORMAT = 'targetspace-checkpoint';
export const CHECKPOINT_VERSION = 1;

export interface TensorEntry {
  name: string;
  shape: number[];
  /** Offset into the data array, in floats. */
  offset: number;
}

export interface CheckpointHeader {
  format: typeof CHECKPOINT_FORMAT;
  version: number;
  space: Model['space'];
  /** Anything the caller needs to rebuild the model and data (task, settings, network). */
  meta: Record<string, unknown>;
  trainer: TrainerState;
  fit: FitState;
  variables: TensorEntry[];
  optimiser: TensorEntry[];
  /**
   * Adam's running powers beta^t. tfjs recomputes them with pow() on setWeights, which
   * differs in the last bits from the product it accumulates, so we restore them exactly.
   */
  optimiserExtras: Record<string, number>;
}

export interface Checkpoint {
  header: CheckpointHeader;
  data: Float32Array;
}

type AdamInternals = { accBeta1?: tf.Variable; accBeta2?: tf.Variable };

/** Capture everything needed to continue training (reads tensor data: call outside tidy). */
export async function captureCheckpoint(model: Model, trainer: Trainer, fitState: FitState, meta: Record<string, unknown>): Promise<Checkpoint> {
  const optWeights = await trainer.optimiser.getWeights();
  const chunks: Float32Array[] = [];
  let offset = 0;
  const entry = (name: string, t: tf.Tensor): TensorEntry => {
    const e = { name, shape: t.shape.slice(), offset };
    const values = t.dataSync() as Float32Array;
    chunks.push(t.dtype === 'float32' ? values : Float32Array.from(values));
    offset += t.size;
    return e;
  };
  const variables = model.variables.map((v, i) => entry(`v${i}`, v));
  const optimiser = optWeights.map((w) => entry(w.name, w.tensor));
  const internals = trainer.optimiser as unknown as AdamInternals;
  const optimiserExtras: Record<string, number> = {};
  if (internals.accBeta1 && internals.accBeta2) {
    optimiserExtras.accBeta1 = internals.accBeta1.dataSync()[0];
    optimiserExtras.accBeta2 = internals.accBeta2.dataSync()[0];
  }
  const data = new Float32Array(offset);
  let at = 0;
  for (const c of chunks) {
    data.set(c, at);
    at += c.length;
  }
  return {
    header: { format: CHECKPOINT_FORMAT, version: CHECKPOINT_VERSION, space: model.space, meta, trainer: trainer.getState(), fit: fitState, variables, optimiser, optimiserExtras },
    data,
  };
}

/** Restore a checkpoint into a freshly built model and trainer of the same configuration. */
export async function restoreCheckpoint(ck: Checkpoint, model: Model, trainer: Trainer): Promise<FitState> {
  const { header, data } = ck;
  if (header.space !== model.space) throw new Error(`checkpoint is for ${header.space} space, the model is in ${model.space} space.`);
  if (header.variables.length !== model.variables.length) {
    throw new Error(`checkpoint has ${header.variables.length} variables, the model has ${model.variables.length}: the network differs from the one saved.`);
  }
  const slice = (e: TensorEntry) => {
    const n = e.shape.reduce((a, b) => a * b, 1);
    if (e.offset + n > data.length) throw new Error('checkpoint is truncated: its data is shorter than its header says.');
    return tf.tensor(data.subarray(e.offset, e.offset + n), e.shape, 'float32');
  };
  header.variables.forEach((e, i) => {
    const v = model.variables[i];
    if (e.shape.join() !== v.shape.join()) throw new Error(`checkpoint variable ${i} has shape [${e.shape}], the model's is [${v.shape}]: the network differs from the one saved.`);
    const t = slice(e);
    v.assign(t);
    t.dispose();
  });
  if (header.optimiser.length > 0) {
    const named = header.optimiser.map((e) => ({ name: e.name, tensor: slice(e) }));
    await trainer.optimiser.setWeights(named);
    tf.dispose(named.map((n) => n.tensor));
  }
  const internals = trainer.optimiser as unknown as AdamInternals;
  if (header.optimiserExtras.accBeta1 !== undefined && internals.accBeta1 && internals.accBeta2) {
    internals.accBeta1.assign(tf.scalar(header.optimiserExtras.accBeta1));
    internals.accBeta2.assign(tf.scalar(header.optimiserExtras.accBeta2!));
  }
  trainer.setState(header.trainer);
  return header.fit;
}
