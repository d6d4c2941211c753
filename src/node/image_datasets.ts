/**
 * The paper's image data sets (Fairbank et al. 2022, section 5.2: MNIST, Fashion-MNIST,
 * CIFAR-10, CIFAR-100) as float NHWC arrays with the paper's splits: the LAST 5000
 * training images are the validation set, the rest the training set, and the official
 * test set is the test set.
 *
 * Files come from the cache, a known local copy (Debian's Fashion-MNIST), or a verified
 * download (see `cache.ts`, `download.ts`, `image_sources.ts`).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CIFAR_SIDE, concatCifar10, parseCifar10, parseCifar100, parseLabelNames } from '../data/cifar.js';
import { parseIdxPair } from '../data/idx.js';
import {
  datasetCacheDir,
  ensureFile,
  extractTarGzAtomic,
  isDirectory,
  isReadable,
  readMaybeGzip,
  type CachedFile,
  type EnsureOptions,
} from './cache.js';
import type { Checksum } from './download.js';
import {
  IMAGE_SOURCES,
  sourceUrls,
  type CifarSource,
  type IdxFileSource,
  type IdxSource,
  type ImageDatasetName,
} from './image_sources.js';

export type { ImageDatasetName } from './image_sources.js';

/** One split: `x` is [n, height, width, channels] float32 in [0, 1] (pixel / 255), `y` is [n] class ids. */
export interface ImageSplit {
  x: Float32Array;
  y: Int32Array;
  n: number;
  height: number;
  width: number;
  channels: number;
}

/** A loaded data set; `classes` is the number of label values (100 or 20 for CIFAR-100 by label mode). */
export interface ImageDataset {
  name: ImageDatasetName;
  train: ImageSplit;
  validation: ImageSplit;
  test: ImageSplit;
  classes: number;
  labelNames?: string[];
}

/** Per-split caps: keep only the first N of a split (after the validation split is taken). */
export interface SplitLimits {
  train?: number;
  validation?: number;
  test?: number;
}

/** Options of {@link loadImageDataset}. */
export interface ImageDatasetOptions extends Omit<EnsureOptions, 'manualHint'> {
  /** Replaces the canonical URL directory (and its mirrors), e.g. a local server in tests. */
  baseUrl?: string;
  /** CIFAR-100 only: the 100 fine classes (default) or the 20 coarse super-classes. */
  labelMode?: 'fine' | 'coarse';
  /** How many of the LAST training images form the validation set. Default 5000 (the paper's). */
  validationSize?: number;
  /** Keep only the first N of each split (a number caps all three), for quick runs. */
  limit?: number | SplitLimits;
  /** Checksums by file name replacing the pinned ones (tiny fixture data sets in tests). */
  checksums?: Readonly<Record<string, Checksum>>;
}

/** The paper's validation size: the last 5000 training images. */
export const DEFAULT_VALIDATION_SIZE = 5000;

/** Uint8 images before scaling: `pixels` is [n, height, width, channels]. */
interface RawImages {
  n: number;
  height: number;
  width: number;
  channels: number;
  pixels: Uint8Array;
  labels: Uint8Array;
}

/**
 * Load `name` with the paper's train / validation / test split.
 * @throws when files are missing and cannot be downloaded (saying where to put them),
 *   fail their checksums, or are malformed; or when validationSize does not fit
 */
export async function loadImageDataset(name: ImageDatasetName, opts: ImageDatasetOptions = {}): Promise<ImageDataset> {
  const source = IMAGE_SOURCES[name];
  if (!source) throw new Error(`unknown image data set '${name}'; known: ${Object.keys(IMAGE_SOURCES).join(', ')}`);
  const loaded = source.kind === 'idx' ? await loadIdx(name, source, opts) : await loadCifar(name, source, opts);
  const v = opts.validationSize ?? DEFAULT_VALIDATION_SIZE;
  const all = loaded.train;
  if (!Number.isInteger(v) || v < 0 || v >= all.n) {
    throw new Error(`validationSize ${v} must be an integer in [0, ${all.n}) for ${source.title}'s ${all.n} training images`);
  }
  const cap = (split: keyof SplitLimits, size: number): number => {
    const l = typeof opts.limit === 'number' ? opts.limit : opts.limit?.[split];
    return l === undefined ? size : Math.max(0, Math.min(size, Math.floor(l)));
  };
  const result: ImageDataset = {
    name,
    train: toSplit(all, 0, cap('train', all.n - v)),
    validation: toSplit(all, all.n - v, cap('validation', v)),
    test: toSplit(loaded.test, 0, cap('test', loaded.test.n)),
    classes: loaded.classes,
  };
  if (loaded.labelNames) result.labelNames = loaded.labelNames;
  return result;
}

/** Images [start, start + count) of `raw`, scaled to [0, 1]. */
function toSplit(raw: RawImages, start: number, count: number): ImageSplit {
  const size = raw.height * raw.width * raw.channels;
  const x = new Float32Array(count * size);
  const from = start * size;
  for (let i = 0; i < x.length; i++) x[i] = raw.pixels[from + i]! / 255;
  return {
    x,
    y: Int32Array.from(raw.labels.subarray(start, start + count)),
    n: count,
    height: raw.height,
    width: raw.width,
    channels: raw.channels,
  };
}

interface Loaded {
  train: RawImages;
  test: RawImages;
  classes: number;
  labelNames?: string[];
}

async function loadIdx(name: ImageDatasetName, src: IdxSource, opts: ImageDatasetOptions): Promise<Loaded> {
  const files = [src.trainImages, src.trainLabels, src.testImages, src.testLabels];
  const dir = datasetCacheDir(name, opts.cacheDir);
  const hint = manualHint(src.title, dir, files.map((f) => [f.file, sourceUrls(src.baseUrls, f.file, opts.baseUrl)[0]!]));
  const bytes: Uint8Array[] = [];
  // One at a time, so progress output stays readable and a failure stops early.
  for (const f of files) {
    const path = await ensureFile(idxSpec(name, src, f, opts), { ...opts, manualHint: hint });
    bytes.push(await readMaybeGzip(path));
  }
  const split = (images: number, labels: number): RawImages => {
    const p = parseIdxPair(bytes[images]!, bytes[labels]!, { images: files[images]!.file, labels: files[labels]!.file });
    const { n, rows: height, cols: width } = p.images;
    return { n, height, width, channels: 1, pixels: p.images.data, labels: p.labels.data };
  };
  return { train: split(0, 1), test: split(2, 3), classes: src.labelNames.length, labelNames: [...src.labelNames] };
}

function idxSpec(name: ImageDatasetName, src: IdxSource, f: IdxFileSource, opts: ImageDatasetOptions): CachedFile {
  const override = opts.checksums?.[f.file];
  return {
    dataset: name,
    file: f.file,
    urls: sourceUrls(src.baseUrls, f.file, opts.baseUrl),
    checksum: override ?? { algorithm: 'md5', hex: f.md5 },
    // An override describes a different (fixture) file, so the pinned content hash no longer applies.
    ...(override || !f.rawSha256 ? {} : { rawSha256: f.rawSha256 }),
  };
}

async function loadCifar(name: ImageDatasetName, src: CifarSource, opts: ImageDatasetOptions): Promise<Loaded> {
  const parent = datasetCacheDir(name, opts.cacheDir);
  const top = join(parent, src.topDir);
  if (!(await isDirectory(top))) {
    const urls = sourceUrls(src.baseUrls, src.archive, opts.baseUrl);
    const hint = manualHint(src.title, parent, [[src.archive, urls[0]!]]);
    const checksum = opts.checksums?.[src.archive] ?? { algorithm: 'md5', hex: src.md5 };
    const archive = await ensureFile({ dataset: name, file: src.archive, urls, checksum }, { ...opts, manualHint: hint });
    await extractTarGzAtomic(archive, parent, src.topDir);
  }
  const read = async (file: string): Promise<Uint8Array> => {
    const path = join(top, file);
    if (!(await isReadable(path))) {
      throw new Error(`${path} is missing from the unpacked ${src.title}; delete ${top} so the archive is unpacked again`);
    }
    return readFile(path);
  };
  const names = async (file: string): Promise<{ labelNames?: string[] }> =>
    (await isReadable(join(top, file))) ? { labelNames: parseLabelNames(await readFile(join(top, file), 'utf8')) } : {};
  const nhwc = (n: number, pixels: Uint8Array, labels: Uint8Array): RawImages => ({
    n,
    height: CIFAR_SIDE,
    width: CIFAR_SIDE,
    channels: 3,
    pixels,
    labels,
  });

  if (src.kind === 'cifar10') {
    const load = async (files: readonly string[]): Promise<RawImages> => {
      const b = concatCifar10(await Promise.all(files.map(async (f) => parseCifar10(await read(f), join(top, f)))));
      return nhwc(b.n, b.images, b.labels);
    };
    const labelNames = await names('batches.meta.txt');
    return { train: await load(src.trainFiles), test: await load(src.testFiles), classes: 10, ...labelNames };
  }
  const coarse = opts.labelMode === 'coarse';
  const load = async (files: readonly string[]): Promise<RawImages> => {
    const b = parseCifar100(await read(files[0]!), join(top, files[0]!));
    return nhwc(b.n, b.images, coarse ? b.coarseLabels : b.fineLabels);
  };
  const labelNames = await names(coarse ? 'coarse_label_names.txt' : 'fine_label_names.txt');
  return { train: await load(src.trainFiles), test: await load(src.testFiles), classes: coarse ? 20 : 100, ...labelNames };
}

/** The "by hand" instructions: every file the data set needs, where it goes, where it comes from. */
function manualHint(title: string, dir: string, files: readonly (readonly [string, string])[]): string {
  const list = files.map(([f, url]) => `  ${f}   (from ${url})`).join('\n');
  return `${title} needs these files in ${dir}:\n${list}`;
}
