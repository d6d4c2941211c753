/**
 * Save and load a model (either space) to one file: `saveModel(model, 'm.tsm')`,
 * `loadModel('m.tsm')`. Target-space models keep their targets, X̄ and settings, so a
 * loaded model can be trained further or frozen.
 */
import { deserialiseModel, MODEL_FORMAT, serialiseModel, type ModelHeader } from '../train/model_state.js';
import type { Model } from '../train/model.js';
import { readContainer, writeContainer } from './container.js';

export function saveModel(model: Model, path: string): void {
  const { header, data } = serialiseModel(model);
  writeContainer(path, header, data);
}

export function loadModel(path: string): Model {
  const { header, data, corrupt } = readContainer(path, 'model file');
  if (header.format !== MODEL_FORMAT) throw corrupt('not a saved targetspace model');
  return deserialiseModel(header as unknown as ModelHeader, data);
}
