/**
 * Save and load TensorFlow.js LayersModels as `model.json` + `weights.bin` in a directory
 * (the layout `tf.loadLayersModel('file://...')` expects from tfjs-node, which cannot be
 * installed here). Writes are atomic.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdirp, writeFileAtomic, writeJsonAtomic } from './atomic.js';

export async function saveLayersModel(model: tf.LayersModel, dir: string): Promise<void> {
  mkdirp(dir);
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const data = artifacts.weightData as ArrayBuffer;
      writeFileAtomic(join(dir, 'weights.bin'), new Uint8Array(data));
      writeJsonAtomic(join(dir, 'model.json'), {
        format: 'layers-model',
        generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
        convertedBy: 'targetspace',
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
      });
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
}

/** An IOHandler reading a saved directory, for `tf.loadLayersModel(fileHandler(dir))`. */
export function fileHandler(dir: string): tf.io.IOHandler {
  return {
    load: async () => {
      let json: { modelTopology: object; weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[] };
      try {
        json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
      } catch (e) {
        throw new Error(`cannot read '${join(dir, 'model.json')}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}. Is it a directory written by 'targetspace freeze'?`);
      }
      const manifest = json.weightsManifest[0];
      const bin = readFileSync(join(dir, manifest.paths[0]));
      return {
        modelTopology: json.modelTopology,
        weightSpecs: manifest.weights,
        weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
      };
    },
  };
}

export function loadLayersModel(dir: string): Promise<tf.LayersModel> {
  return tf.loadLayersModel(fileHandler(dir));
}
