import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeIdx } from '../../src/data/idx.js';
import type { Checksum } from '../../src/node/download.js';
import { loadImageDataset, type ImageDatasetOptions } from '../../src/node/image_datasets.js';
import { startServer, type TestServer } from './http_fixture.js';
import { cifar100Records, cifar10Records, cifarPixel, md5, tarGz, tempDir } from './fixtures.js';

/** A tiny MNIST-shaped set: 10 train + 4 test images of 3x2, pixel = (17 k + p) mod 256 for image k. */
const H = 3;
const W = 2;
const pixel = (k: number, p: number): number => (17 * k + p) % 256;
function idxFiles(): Record<string, Uint8Array> {
  const images = (n: number, k0: number) => encodeIdx([n, H, W], Uint8Array.from({ length: n * H * W }, (_, i) => pixel(k0 + Math.floor(i / (H * W)), i % (H * W))));
  const labels = (n: number, k0: number) => encodeIdx([n], Uint8Array.from({ length: n }, (_, i) => (k0 + i) % 10));
  return {
    'train-images-idx3-ubyte.gz': gzipSync(images(10, 0)),
    'train-labels-idx1-ubyte.gz': gzipSync(labels(10, 0)),
    't10k-images-idx3-ubyte.gz': gzipSync(images(4, 100)),
    't10k-labels-idx1-ubyte.gz': gzipSync(labels(4, 100)),
  };
}

let server: TestServer;
let work: string;
let cleanup: () => Promise<void>;
const checksums: Record<string, Checksum> = {};
const serve: Record<string, Uint8Array> = {};

beforeAll(async () => {
  ({ dir: work, cleanup } = await tempDir());
  Object.assign(serve, idxFiles());
  // CIFAR-10: five batches of 2 images (k = 0..9) and a test batch of 3 (k = 10..12).
  const c10: Record<string, Uint8Array | string> = { 'cifar-10-batches-bin/batches.meta.txt': 'airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n' };
  for (let b = 0; b < 5; b++) c10[`cifar-10-batches-bin/data_batch_${b + 1}.bin`] = cifar10Records([(2 * b) % 10, (2 * b + 1) % 10], 2 * b);
  c10['cifar-10-batches-bin/test_batch.bin'] = cifar10Records([7, 8, 9], 10);
  serve['cifar-10-binary.tar.gz'] = await tarGz(work, c10);
  serve['cifar-100-binary.tar.gz'] = await tarGz(work, {
    'cifar-100-binary/train.bin': cifar100Records([[0, 5], [1, 50], [2, 99], [19, 3], [4, 4], [5, 6]]),
    'cifar-100-binary/test.bin': cifar100Records([[7, 70]], 6),
    'cifar-100-binary/fine_label_names.txt': Array.from({ length: 100 }, (_, i) => `fine${i}`).join('\n'),
    'cifar-100-binary/coarse_label_names.txt': Array.from({ length: 20 }, (_, i) => `coarse${i}`).join('\n'),
  });
  for (const [f, b] of Object.entries(serve)) checksums[f] = { algorithm: 'md5', hex: md5(b) };
  server = await startServer(Object.fromEntries(Object.entries(serve).map(([f, body]) => [`/d/${f}`, { body }])));
});
afterAll(async () => {
  await server.close();
  await cleanup();
});

let n = 0;
/** Options for a fresh cache, the fixture server, the fixture checksums, and no system copies. */
function fresh(extra: Partial<ImageDatasetOptions> = {}): ImageDatasetOptions {
  return {
    cacheDir: join(work, `cache${n++}`),
    baseUrl: `${server.url}d/`,
    checksums,
    localDirs: [],
    downloadOptions: { progress: 'none', retries: 0 },
    ...extra,
  };
}

describe('loadImageDataset (IDX: mnist, fashion-mnist)', () => {
  it('splits off the LAST validationSize training images, scales to [0, 1], keeps NHWC shapes', async () => {
    const ds = await loadImageDataset('mnist', fresh({ validationSize: 3 }));
    expect([ds.train.n, ds.validation.n, ds.test.n]).toEqual([7, 3, 4]);
    expect([ds.train.height, ds.train.width, ds.train.channels]).toEqual([H, W, 1]);
    expect(ds.train.x.length).toBe(7 * H * W);
    expect([...ds.train.y]).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect([...ds.validation.y]).toEqual([7, 8, 9]);
    expect([...ds.test.y]).toEqual([0, 1, 2, 3]);
    expect(ds.validation.x[0]).toBe(Math.fround(pixel(7, 0) / 255));
    expect(ds.test.x[4]).toBe(Math.fround(pixel(100, 4) / 255));
    expect(Math.min(...ds.train.x)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ds.train.x)).toBeLessThanOrEqual(1);
    expect(ds.classes).toBe(10);
    expect(ds.labelNames?.[3]).toBe('3');
  });

  it('caches the files, then works offline; limit takes the first N of each split', async () => {
    const opts = fresh({ validationSize: 3 });
    await loadImageDataset('fashion-mnist', opts);
    expect((await readdir(join(opts.cacheDir!, 'fashion-mnist'))).sort()).toEqual(Object.keys(idxFiles()).sort());
    const ds = await loadImageDataset('fashion-mnist', { ...opts, download: false, limit: { train: 2, validation: 1 } });
    expect([ds.train.n, ds.validation.n, ds.test.n]).toEqual([2, 1, 4]);
    expect([...ds.validation.y]).toEqual([7]);
    expect(ds.labelNames?.[9]).toBe('Ankle boot');
    const capped = await loadImageDataset('fashion-mnist', { ...opts, download: false, limit: 1 });
    expect([capped.train.n, capped.validation.n, capped.test.n]).toEqual([1, 1, 1]);
  });

  it('the default validation size is the paper\'s 5000, which a tiny set cannot hold', async () => {
    await expect(loadImageDataset('mnist', fresh())).rejects.toThrow(/validationSize 5000 must be an integer in \[0, 10\) for MNIST's 10 training images/);
  });

  it('a wrong checksum fails naming the file and leaves the cache clean', async () => {
    const opts = fresh({ checksums: { ...checksums, 't10k-images-idx3-ubyte.gz': { algorithm: 'md5', hex: '0'.repeat(32) } }, validationSize: 3 });
    await expect(loadImageDataset('mnist', opts)).rejects.toThrow(/checksum mismatch for .*t10k-images-idx3-ubyte\.gz: expected md5 0{32}, got [0-9a-f]{32}/);
    const left = await readdir(join(opts.cacheDir!, 'mnist'));
    expect(left.filter((f) => f.startsWith('t10k-images'))).toEqual([]);
  });

  it('without downloading, says which files to place where', async () => {
    const opts = fresh({ download: false });
    const err = (await loadImageDataset('mnist', opts).catch((e: unknown) => e)) as Error;
    const dir = join(opts.cacheDir!, 'mnist');
    expect(err.message).toContain(`place it at:\n  ${join(dir, 'train-images-idx3-ubyte.gz')}`);
    expect(err.message).toContain(`MNIST needs these files in ${dir}:`);
    for (const f of Object.keys(idxFiles())) expect(err.message).toContain(`  ${f}   (from ${server.url}d/${f})`);
  });
});

describe('loadImageDataset (CIFAR)', () => {
  it('CIFAR-10: unpacks the archive, concatenates the five batches, NHWC pixels', async () => {
    const opts = fresh({ validationSize: 4 });
    const ds = await loadImageDataset('cifar10', opts);
    expect([ds.train.n, ds.validation.n, ds.test.n]).toEqual([6, 4, 3]);
    expect([ds.train.height, ds.train.width, ds.train.channels]).toEqual([32, 32, 3]);
    expect([...ds.train.y]).toEqual([0, 1, 2, 3, 4, 5]);
    expect([...ds.validation.y]).toEqual([6, 7, 8, 9]);
    expect([...ds.test.y]).toEqual([7, 8, 9]);
    // validation image 1 is training image k = 7; test image 2 is k = 12.
    const at = (i: number, y: number, x: number, c: number) => ((i * 32 + y) * 32 + x) * 3 + c;
    expect(ds.validation.x[at(1, 5, 9, 2)]).toBe(Math.fround(cifarPixel(7, 2, 5, 9) / 255));
    expect(ds.test.x[at(2, 31, 0, 1)]).toBe(Math.fround(cifarPixel(12, 1, 31, 0) / 255));
    expect(ds.classes).toBe(10);
    expect(ds.labelNames).toEqual(['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck']);
    const dir = join(opts.cacheDir!, 'cifar10');
    expect((await readdir(dir)).sort()).toEqual(['cifar-10-batches-bin', 'cifar-10-binary.tar.gz']);
    // Unpacked once: a second load needs neither network nor archive.
    const again = await loadImageDataset('cifar10', { ...opts, download: false, limit: { test: 1 } });
    expect(again.test.n).toBe(1);
  });

  it('CIFAR-100: fine labels by default, coarse on request', async () => {
    const opts = fresh({ validationSize: 2 });
    const fine = await loadImageDataset('cifar100', opts);
    expect([...fine.train.y]).toEqual([5, 50, 99, 3]);
    expect([...fine.validation.y]).toEqual([4, 6]);
    expect([...fine.test.y]).toEqual([70]);
    expect(fine.classes).toBe(100);
    expect(fine.labelNames?.[99]).toBe('fine99');
    const coarse = await loadImageDataset('cifar100', { ...opts, labelMode: 'coarse' });
    expect([...coarse.train.y]).toEqual([0, 1, 2, 19]);
    expect(coarse.classes).toBe(20);
    expect(coarse.labelNames?.length).toBe(20);
    expect(coarse.test.x[0]).toBe(Math.fround(cifarPixel(6, 0, 0, 0) / 255));
  });

  it('a corrupt archive download leaves neither archive nor unpacked directory', async () => {
    const opts = fresh({ checksums: { 'cifar-10-binary.tar.gz': { algorithm: 'md5', hex: 'f'.repeat(32) } } });
    await expect(loadImageDataset('cifar10', opts)).rejects.toThrow(/checksum mismatch for .*cifar-10-binary\.tar\.gz/);
    expect(existsSync(join(opts.cacheDir!, 'cifar10', 'cifar-10-batches-bin'))).toBe(false);
    expect(await readdir(join(opts.cacheDir!, 'cifar10'))).toEqual([]);
  });
});
