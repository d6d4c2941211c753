/** Fixture writers for the data-loading tests: temp dirs, tar.gz archives, CIFAR records, hashes. */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { create } from 'tar';
import { CIFAR_PIXELS } from '../../src/data/cifar.js';

/** A fresh temp directory and its remover. */
export async function tempDir(prefix = 'targetspace-data-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Write `files` (relative path -> contents) under `root`. */
export async function writeTree(root: string, files: Record<string, Uint8Array | string>): Promise<void> {
  for (const [rel, data] of Object.entries(files)) {
    const path = join(root, rel);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, data);
  }
}

/**
 * A .tar.gz of `files` (paths relative to the archive root, e.g. 'aclImdb/train/pos/0_9.txt'),
 * built in a scratch directory inside `workDir`.
 * @returns the archive's bytes
 */
export async function tarGz(workDir: string, files: Record<string, Uint8Array | string>): Promise<Uint8Array> {
  const src = await mkdtemp(join(workDir, 'tree-'));
  await writeTree(src, files);
  const tops = [...new Set(Object.keys(files).map((p) => p.split('/')[0]!))];
  const out = join(workDir, `archive-${Date.now()}-${Math.random().toString(36).slice(2)}.tar.gz`);
  await create({ gzip: true, file: out, cwd: src, portable: true }, tops);
  const bytes = await readFile(out);
  await rm(src, { recursive: true, force: true });
  await rm(out);
  return bytes;
}

export function md5(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The pixel planes of test image `k`: byte at (channel c, row y, col x) is a function of all four. */
export function cifarPixel(k: number, c: number, y: number, x: number): number {
  return (k * 37 + c * 101 + y * 7 + x * 3) % 256;
}

/** CIFAR-10 records for images k0..k0+labels.length-1 (pixels from {@link cifarPixel}), CHW planes. */
export function cifar10Records(labels: readonly number[], k0 = 0): Uint8Array {
  return records(labels.map((l) => [l]), k0);
}

/** CIFAR-100 records: each label pair is [coarse, fine]. */
export function cifar100Records(labels: readonly (readonly [number, number])[], k0 = 0): Uint8Array {
  return records(labels, k0);
}

function records(labels: readonly (readonly number[])[], k0: number): Uint8Array {
  const head = labels[0]?.length ?? 1;
  const size = head + CIFAR_PIXELS;
  const out = new Uint8Array(labels.length * size);
  labels.forEach((ls, i) => {
    const at = i * size;
    ls.forEach((l, j) => (out[at + j] = l));
    for (let c = 0; c < 3; c++)
      for (let y = 0; y < 32; y++)
        for (let x = 0; x < 32; x++) out[at + head + c * 1024 + y * 32 + x] = cifarPixel(k0 + i, c, y, x);
  });
  return out;
}
