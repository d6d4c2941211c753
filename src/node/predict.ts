/**
 * Quick use of an exported model: read inputs from a CSV/JSON file or a PNG image and
 * return the predicted class and probabilities per input.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { loadLayersModel } from './export_model.js';

export interface Prediction {
  class: number;
  probabilities: number[];
}

/** Inputs as a flat Float32Array of `count` examples of `size` values each. */
function readInputs(path: string, shape: number[]): { data: Float32Array; count: number } {
  const size = shape.reduce((a, b) => a * b, 1);
  let values: number[];
  if (path.toLowerCase().endsWith('.png')) {
    const png = PNG.sync.read(readFileSync(path));
    const [h, w, c] = shape;
    if (png.height !== h || png.width !== w) throw new Error(`the image is ${png.width}x${png.height}, the model takes ${w}x${h}.`);
    values = [];
    for (let i = 0; i < h * w; i++) {
      const px = png.data.subarray(i * 4, i * 4 + 4);
      if (c === 1) values.push((px[0] + px[1] + px[2]) / (3 * 255));
      else for (let k = 0; k < c; k++) values.push(px[k] / 255);
    }
  } else {
    const text = readFileSync(path, 'utf8').trim();
    values = text.startsWith('[') ? (JSON.parse(text) as unknown[]).flat(Infinity as 1).map(Number) : text.split(/[\s,;]+/).filter((s) => s.length > 0).map(Number);
  }
  if (values.some((v) => !Number.isFinite(v))) throw new Error(`'${path}' holds values that are not numbers.`);
  if (values.length === 0 || values.length % size !== 0) {
    throw new Error(`'${path}' holds ${values.length} numbers, not a multiple of the model's input size ${size} (shape [${shape}]).`);
  }
  return { data: Float32Array.from(values), count: values.length / size };
}

export async function predictFile(modelDir: string, inputPath: string): Promise<Prediction[]> {
  const model = await loadLayersModel(modelDir);
  try {
    const shape = model.inputs[0].shape.slice(1).map((d) => {
      if (d === null) throw new Error('this model takes sequences of any length: predict from the library API instead.');
      return d;
    });
    const { data, count } = readInputs(inputPath, shape);
    const probs = tf.tidy(() => tf.softmax(model.predict(tf.tensor(data, [count, ...shape])) as tf.Tensor));
    const rows = probs.arraySync() as number[][];
    probs.dispose();
    return rows.map((p) => ({ class: p.indexOf(Math.max(...p)), probabilities: p }));
  } finally {
    model.dispose();
  }
}
