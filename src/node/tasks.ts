/**
 * Turn a task description (src/experiments/task_spec.ts) into a Task: the network and a
 * loader of its data as tensors. Node-only because the image and text corpora are files.
 */
import * as tf from '@tensorflow/tfjs';
import { bitTask } from '../data/bits.js';
import { Tokenizer } from '../data/tokenizer.js';
import { cnn } from '../experiments/architectures.js';
import { spiralsTask } from '../experiments/spirals.js';
import type { Task, TaskData } from '../experiments/task.js';
import { taskName, type BitsSpec, type ImageSpec, type TaskSpec, type TextSpec } from '../experiments/task_spec.js';
import type { NetworkConfig } from '../nn/config.js';
import type { Dataset } from '../train/evaluate.js';
import { Rng } from '../util/rng.js';
import { loadImageDataset, type ImageSplit } from './image_datasets.js';
import { loadImdb } from './imdb.js';
import { loadSpam } from './spam.js';

/** Fixed seeds of generated data, so that every run of a task sees the same data. */
const DATA_SEEDS = { train: 1001, test: 2002, xbar: 3003 };

/** Input shapes of the image sets, known before loading. */
const IMAGE_SHAPES: Record<ImageSpec['dataset'], number[]> = { mnist: [28, 28, 1], 'fashion-mnist': [28, 28, 1], cifar10: [32, 32, 3], cifar100: [32, 32, 3] };

export function makeTask(spec: TaskSpec): Task {
  switch (spec.kind) {
    case 'spirals':
      return spiralsTask(spec);
    case 'image':
      return imageTask(spec);
    case 'bits':
      return bitsTask(spec);
    case 'text':
      return textTask(spec);
  }
}

function disposeAll(sets: Dataset[], extra: tf.Tensor[] = []): () => void {
  return () => tf.dispose([...sets.flatMap((d) => [d.x, d.y, ...(d.mask ? [d.mask] : [])]), ...extra]);
}

function imageTask(spec: ImageSpec): Task {
  const classes = spec.dataset === 'cifar100' ? (spec.labelMode === 'coarse' ? 20 : 100) : 10;
  return {
    name: taskName(spec),
    network: cnn(spec.arch, IMAGE_SHAPES[spec.dataset], classes),
    load: async (): Promise<TaskData> => {
      const ds = await loadImageDataset(spec.dataset, { cacheDir: spec.cacheDir, labelMode: spec.labelMode, limit: spec.limit });
      const toSet = (s: ImageSplit): Dataset => ({ x: tf.tensor4d(s.x, [s.n, s.height, s.width, s.channels]), y: tf.tensor1d(s.y, 'int32') });
      const train = toSet(ds.train);
      const validation = toSet(ds.validation);
      const test = toSet(ds.test);
      if (spec.xbarCount > ds.train.n) throw new Error(`X̄ needs ${spec.xbarCount} training images but only ${ds.train.n} are loaded.`);
      const xbarIdx = spec.xbarChoice === 'first' ? null : new Rng(DATA_SEEDS.xbar).permutation(ds.train.n).slice(0, spec.xbarCount);
      const xbar = xbarIdx ? tf.gather(train.x, tf.tensor1d(xbarIdx, 'int32')) : tf.slice(train.x, 0, spec.xbarCount);
      const m = Math.min(spec.trainEvalCount, ds.train.n);
      const trainEval = m < ds.train.n ? { x: tf.slice(train.x, 0, m), y: tf.slice(train.y, 0, m) } : undefined;
      const evalSets: Record<string, Dataset> = validation.x.shape[0] > 0 ? { validation, test } : { test };
      return { train, evalSets, xbar, classes, trainEval, dispose: disposeAll([train, validation, test, ...(trainEval ? [trainEval] : [])], [xbar]) };
    },
  };
}

/** Bit-stream RNN (E3): an Elman (or LSTM) layer and a 2-way output at every step. */
export function bitsNetwork(spec: BitsSpec): NetworkConfig {
  const rec = spec.cell === 'lstm' ? { type: 'lstm' as const, units: spec.hidden } : { type: 'rnn' as const, units: spec.hidden };
  return { input: [-1, 1], layers: [rec, { type: 'dense', units: 2 }] };
}

function bitsTask(spec: BitsSpec): Task {
  return {
    name: taskName(spec),
    network: bitsNetwork(spec),
    load: async (): Promise<TaskData> => {
      const gen = (count: number, seed: number, length = spec.length): Dataset => {
        const d = bitTask({ task: spec.task, delay: spec.delay, length, count, seed });
        return { x: tf.tensor3d(d.x, [count, length, 1]), y: tf.tensor2d(d.y, [count, length], 'int32'), mask: tf.tensor2d(d.mask, [count, length]) };
      };
      const train = gen(spec.trainCount, DATA_SEEDS.train);
      const test = gen(spec.testCount, DATA_SEEDS.test);
      let xbar: tf.Tensor;
      if (spec.xbarNoise) {
        xbar = tf.randomUniform([spec.xbarCount, spec.xbarLength, 1], -1, 1, 'float32', DATA_SEEDS.xbar);
      } else {
        const xs = gen(spec.xbarCount, DATA_SEEDS.xbar, spec.xbarLength);
        xbar = xs.x;
        tf.dispose([xs.y, xs.mask!]);
      }
      return { train, evalSets: { test }, xbar, classes: 2, dispose: disposeAll([train, test], [xbar]) };
    },
  };
}

/** Text classifier (E4): embedding -> RNN (or LSTM) -> last step -> 2 classes. */
export function textNetwork(spec: TextSpec): NetworkConfig {
  const rec = spec.cell === 'lstm' ? { type: 'lstm' as const, units: spec.hidden } : { type: 'rnn' as const, units: spec.hidden };
  return {
    input: [spec.maxLength],
    layers: [{ type: 'embedding', vocab: spec.vocab + 2, dim: spec.embed }, rec, { type: 'last_step' }, { type: 'dense', units: 2 }],
  };
}

function textTask(spec: TextSpec): Task {
  return {
    name: taskName(spec),
    network: textNetwork(spec),
    // Noise X̄ lives in embedding space, so it enters after the embedding (sec. 5).
    xbarAt: spec.xbar === 'noise' ? 1 : 0,
    load: async (): Promise<TaskData> => {
      const corpus = spec.dataset === 'spam' ? loadSpam({ seed: spec.splitSeed ?? 1 }) : await loadImdb({ cacheDir: spec.cacheDir, limit: spec.limit });
      const cap = <T>(xs: T[]) => (spec.limit ? xs.slice(0, spec.limit) : xs);
      const trainTexts = cap(corpus.train.texts);
      const testTexts = cap(corpus.test.texts);
      const tokenizer = Tokenizer.fit(trainTexts, { vocabSize: spec.vocab });
      const encode = (texts: string[], labels: Int32Array): Dataset => ({
        x: tf.tensor2d(tokenizer.encode(texts, { maxLength: spec.maxLength }), [texts.length, spec.maxLength], 'int32'),
        y: tf.tensor1d(labels.slice(0, texts.length), 'int32'),
      });
      const train = encode(trainTexts, corpus.train.labels);
      const test = encode(testTexts, corpus.test.labels);
      const xbar =
        spec.xbar === 'noise'
          ? tf.randomUniform([spec.xbarCount, spec.maxLength, spec.embed], -1, 1, 'float32', DATA_SEEDS.xbar)
          : tf.slice(train.x, 0, Math.min(spec.xbarCount, trainTexts.length));
      return { train, evalSets: { test }, xbar, classes: 2, dispose: disposeAll([train, test], [xbar]) };
    },
  };
}
