/**
 * Checks against the real Fashion-MNIST files from Debian's `dataset-fashion-mnist`
 * package, when installed (`apt-get install -y dataset-fashion-mnist`); skipped otherwise.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIdxImages, parseIdxLabels } from '../../src/data/idx.js';
import { readMaybeGzip, verifyFile } from '../../src/node/cache.js';
import { loadImageDataset } from '../../src/node/image_datasets.js';
import { FASHION_MNIST_RAW_SHA256 } from '../../src/node/image_sources.js';
import { sha256, tempDir } from './fixtures.js';

const DEBIAN = '/usr/share/datasets/fashion-mnist';
const present = Object.keys(FASHION_MNIST_RAW_SHA256).every((stem) => existsSync(join(DEBIAN, `${stem}.gz`)));
const why = present ? '' : ` [SKIPPED: ${DEBIAN} not found; apt-get install -y dataset-fashion-mnist]`;
const file = (stem: string): string => join(DEBIAN, `${stem}.gz`);

describe.skipIf(!present)(`Fashion-MNIST from Debian${why}`, () => {
  let cacheDir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ dir: cacheDir, cleanup } = await tempDir()));
  afterAll(async () => cleanup());

  it('headers: 60000 + 10000 images of 28x28, matching label counts', async () => {
    const train = parseIdxImages(await readMaybeGzip(file('train-images-idx3-ubyte')));
    expect([train.n, train.rows, train.cols]).toEqual([60000, 28, 28]);
    expect(parseIdxLabels(await readMaybeGzip(file('train-labels-idx1-ubyte'))).n).toBe(60000);
    const test = parseIdxImages(await readMaybeGzip(file('t10k-images-idx3-ubyte')));
    expect([test.n, test.rows, test.cols]).toEqual([10000, 28, 28]);
    expect(parseIdxLabels(await readMaybeGzip(file('t10k-labels-idx1-ubyte'))).n).toBe(10000);
  });

  it('decompressed bytes match the pinned sha256s (the .gz files are recompressed, their MD5s are not upstream\'s)', async () => {
    for (const [stem, hex] of Object.entries(FASHION_MNIST_RAW_SHA256)) {
      expect(sha256(await readMaybeGzip(file(stem))), stem).toBe(hex);
      expect(await verifyFile(file(stem), { checksum: { algorithm: 'md5', hex: '0'.repeat(32) }, rawSha256: hex })).toBeUndefined();
    }
  });

  it('loadImageDataset finds them without downloading; validation is the last 5000 training images', async () => {
    const ds = await loadImageDataset('fashion-mnist', { cacheDir, download: false, limit: { train: 3, validation: 2, test: 2 } });
    expect([ds.train.n, ds.validation.n, ds.test.n]).toEqual([3, 2, 2]);
    expect([ds.train.height, ds.train.width, ds.train.channels]).toEqual([28, 28, 1]);
    const labels = parseIdxLabels(await readMaybeGzip(file('train-labels-idx1-ubyte'))).data;
    expect([...ds.train.y]).toEqual([...labels.subarray(0, 3)]);
    expect([...ds.validation.y]).toEqual([...labels.subarray(55000, 55002)]);
    const images = parseIdxImages(await readMaybeGzip(file('train-images-idx3-ubyte'))).data;
    expect(ds.validation.x[300]).toBe(Math.fround(images[55000 * 784 + 300]! / 255));
  });
});
