/**
 * A model as plain data (network, space, target-space settings, X̄, variables), so it can
 * be saved and loaded without the task that trained it. Training state (optimiser,
 * position) is the checkpoint's business (checkpoint.ts).
 */
import * as tf from '@tensorflow/tfjs';
import type { NetworkConfig } from '../nn/config.js';
import { Network } from '../nn/network.js';
import { Model, type Space, type TargetSettings } from './model.js';
import type { TensorEntry } from './checkpoint.js';

export const MODEL_FORMAT = 'targetspace-model';

export interface ModelHeader {
  format: typeof MODEL_FORMAT;
  version: 1;
  network: NetworkConfig;
  space: Space;
  target: TargetSettings | null;
  xbar: TensorEntry | null;
  /** Per layer: the variable names it holds (targets: `targets`; weights: parameter names). */
  layout: (string[] | null)[];
  variables: TensorEntry[];
}

/** Snapshot a model (reads tensor data). */
export function serialiseModel(model: Model): { header: ModelHeader; data: Float32Array } {
  const chunks: Float32Array[] = [];
  let offset = 0;
  const entry = (name: string, t: tf.Tensor): TensorEntry => {
    const e = { name, shape: t.shape.slice(), offset };
    chunks.push(Float32Array.from(t.dataSync()));
    offset += t.size;
    return e;
  };
  const xbar = model.xbar ? entry('xbar', model.xbar) : null;
  const variables: TensorEntry[] = [];
  const layout = model.layoutEntries().map((e, i) => {
    if (e === null) return null;
    if (e instanceof tf.Variable) {
      variables.push(entry(`${i}/targets`, e));
      return ['targets'];
    }
    return Object.entries(e).map(([k, v]) => {
      variables.push(entry(`${i}/${k}`, v));
      return k;
    });
  });
  const data = new Float32Array(offset);
  let at = 0;
  for (const c of chunks) {
    data.set(c, at);
    at += c.length;
  }
  return { header: { format: MODEL_FORMAT, version: 1, network: model.net.config, space: model.space, target: model.target, xbar, layout, variables }, data };
}

/** Rebuild a model from {@link serialiseModel}'s output. */
export function deserialiseModel(header: ModelHeader, data: Float32Array): Model {
  if (header.format !== MODEL_FORMAT) throw new Error(`not a saved targetspace model (format '${String(header.format)}').`);
  const net = new Network(header.network);
  const read = (e: TensorEntry) => {
    const n = e.shape.reduce((a, b) => a * b, 1);
    if (e.offset + n > data.length) throw new Error('the saved model is truncated: its data is shorter than its header says.');
    return tf.tensor(data.subarray(e.offset, e.offset + n), e.shape, 'float32');
  };
  let k = 0;
  const next = () => read(header.variables[k++]);
  if (header.space === 'weight') {
    return Model.fromWeights(net, header.layout.map((names) => Object.fromEntries((names ?? []).map((name) => [name, next()]))));
  }
  if (!header.xbar || !header.target) throw new Error('the saved target-space model lacks its X̄ or settings.');
  const targets: (tf.Tensor | null)[] = [];
  const direct: Record<string, tf.Tensor>[] = [];
  for (const names of header.layout) {
    const isTarget = names?.[0] === 'targets';
    targets.push(isTarget ? next() : null);
    direct.push(isTarget ? {} : Object.fromEntries((names ?? []).map((name) => [name, next()])));
  }
  return Model.fromTargets(net, targets, read(header.xbar), header.target, direct);
}
