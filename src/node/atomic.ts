/**
 * Atomic file writes: write a temporary file in the same directory, fsync it, then
 * rename it over the target. A reader (or a run killed mid-write) sees either the old
 * file or the new one, never half of one.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

let counter = 0;

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${counter++}.tmp`);
  const fd = openSync(tmp, 'w');
  try {
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, JSON.stringify(value, null, 2) + '\n');
}

/**
 * mkdir -p, one level at a time. Node 20's `mkdirSync(p, { recursive: true })` spins
 * forever on some unwritable paths (e.g. under /proc); this fails with the real error.
 */
export function mkdirp(path: string): void {
  const abs = resolve(path);
  if (existsSync(abs)) return;
  const parent = dirname(abs);
  if (parent !== abs) mkdirp(parent);
  mkdirSync(abs);
}
