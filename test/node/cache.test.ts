import { existsSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  datasetCacheDir,
  defaultCacheDir,
  ensureFile,
  extractTarGzAtomic,
  findFile,
  readMaybeGzip,
  searchDirs,
  verifyFile,
} from '../../src/node/cache.js';
import { startServer } from './http_fixture.js';
import { md5, sha256, tarGz, tempDir, writeTree } from './fixtures.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(async () => cleanup());

describe('cache directory', () => {
  it('prefers $TARGETSPACE_DATA, then $XDG_CACHE_HOME, then ~/.cache', () => {
    expect(defaultCacheDir({ TARGETSPACE_DATA: '/data/ts', XDG_CACHE_HOME: '/xdg' }, '/home/u')).toBe('/data/ts');
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/xdg' }, '/home/u')).toBe('/xdg/targetspace/datasets');
    expect(defaultCacheDir({}, '/home/u')).toBe('/home/u/.cache/targetspace/datasets');
    // A relative XDG_CACHE_HOME is invalid per the XDG spec and is ignored.
    expect(defaultCacheDir({ XDG_CACHE_HOME: 'rel' }, '/home/u')).toBe('/home/u/.cache/targetspace/datasets');
  });

  it('lets a call override the directory, and searches the cache before known local copies', () => {
    expect(datasetCacheDir('mnist', '/c')).toBe('/c/mnist');
    expect(searchDirs('fashion-mnist', '/c')).toEqual(['/c/fashion-mnist', '/usr/share/datasets/fashion-mnist']);
    expect(searchDirs('fashion-mnist', '/c', [])).toEqual(['/c/fashion-mnist']);
    expect(searchDirs('mnist', '/c')).toEqual(['/c/mnist']);
  });

  it('finds the first existing file, earlier directories first', async () => {
    await writeTree(dir, { 'a/x.gz': 'a', 'b/x': 'b', 'b/x.gz': 'b' });
    expect(await findFile(['x.gz', 'x'], [join(dir, 'a'), join(dir, 'b')])).toBe(join(dir, 'a/x.gz'));
    expect(await findFile(['x'], [join(dir, 'a'), join(dir, 'b')])).toBe(join(dir, 'b/x'));
    expect(await findFile(['y'], [join(dir, 'a')])).toBeUndefined();
  });

  it('reads raw and gzipped files alike', async () => {
    const bytes = Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 1, 7]);
    await writeFile(join(dir, 'raw'), bytes);
    await writeFile(join(dir, 'gz'), gzipSync(bytes));
    expect(new Uint8Array(await readMaybeGzip(join(dir, 'raw')))).toEqual(bytes);
    expect(new Uint8Array(await readMaybeGzip(join(dir, 'gz')))).toEqual(bytes);
  });
});

describe('verifyFile', () => {
  it('accepts the published checksum or the sha256 of the decompressed bytes', async () => {
    const raw = new TextEncoder().encode('contents');
    const gz = gzipSync(raw);
    const regz = gzipSync(raw, { level: 1 }); // "recompressed": other bytes, same contents
    await writeTree(dir, { 'a.gz': gz, 'b.gz': regz, a: raw });
    const spec = { checksum: { algorithm: 'md5' as const, hex: md5(gz) }, rawSha256: sha256(raw) };
    expect(await verifyFile(join(dir, 'a.gz'), spec)).toBeUndefined();
    expect(await verifyFile(join(dir, 'b.gz'), spec)).toBeUndefined();
    expect(await verifyFile(join(dir, 'a'), spec)).toBeUndefined();
    const why = await verifyFile(join(dir, 'b.gz'), { checksum: spec.checksum });
    expect(why).toBe(`${join(dir, 'b.gz')}: expected md5 ${md5(gz)}, got ${md5(regz)}`);
  });
});

describe('ensureFile', () => {
  it('with downloading off, names the file, the URL and exactly where to place it', async () => {
    const spec = { dataset: 'mnist', file: 'a.gz', urls: ['https://example.org/a.gz'] };
    await expect(ensureFile(spec, { cacheDir: dir, download: false, manualHint: 'MNIST needs a.gz, b.gz' })).rejects.toThrow(
      `a.gz is not in the cache and downloading is off (download: false).\nFetch https://example.org/a.gz and place it at:\n  ${join(dir, 'mnist', 'a.gz')}\nMNIST needs a.gz, b.gz`,
    );
  });

  it('skips a bad local copy (saying why) and downloads a good one into the cache', async () => {
    const good = new TextEncoder().encode('good bytes');
    const local = join(dir, 'local');
    await writeTree(local, { 'a.bin': 'bad bytes' });
    const server = await startServer({ '/a.bin': { body: good } });
    try {
      const spec = { dataset: 'ds', file: 'a.bin', urls: [`${server.url}a.bin`], checksum: { algorithm: 'md5' as const, hex: md5(good) } };
      const cache = join(dir, 'cache');
      await expect(ensureFile(spec, { cacheDir: cache, localDirs: [local], download: false })).rejects.toThrow(
        /Copies found but rejected:\n {2}.*local\/a\.bin: expected md5/,
      );
      const path = await ensureFile(spec, { cacheDir: cache, localDirs: [local], downloadOptions: { progress: 'none' } });
      expect(path).toBe(join(cache, 'ds', 'a.bin'));
      expect(await readFile(path, 'utf8')).toBe('good bytes');
      // Now found in the cache: no second request.
      expect(await ensureFile(spec, { cacheDir: cache, localDirs: [local], download: false })).toBe(path);
      expect(server.seen.length).toBe(1);
    } finally {
      await server.close();
    }
  });
});

describe('extractTarGzAtomic', () => {
  it('unpacks the top directory, honouring a filter, and leaves no temporary directory', async () => {
    const archive = join(dir, 'a.tar.gz');
    await writeFile(archive, await tarGz(dir, { 'top/keep/x.txt': 'x', 'top/skip/y.txt': 'y', 'top/z.txt': 'z' }));
    const out = await extractTarGzAtomic(archive, join(dir, 'cache'), 'top', { filter: (p) => !p.startsWith('top/skip') });
    expect(out).toBe(join(dir, 'cache', 'top'));
    expect(await readFile(join(out, 'keep/x.txt'), 'utf8')).toBe('x');
    expect(existsSync(join(out, 'skip'))).toBe(false);
    expect(await readdir(join(dir, 'cache'))).toEqual(['top']);
  });

  it('leaves nothing behind when the archive is damaged or lacks the directory', async () => {
    const whole = await tarGz(dir, { 'top/x.txt': 'x'.repeat(10_000) });
    await writeFile(join(dir, 'cut.tar.gz'), whole.subarray(0, whole.length >> 1));
    const cache = join(dir, 'cache');
    await expect(extractTarGzAtomic(join(dir, 'cut.tar.gz'), cache, 'top')).rejects.toThrow(/could not extract .*cut\.tar\.gz.*download it again/);
    expect(await readdir(cache)).toEqual([]);
    await writeFile(join(dir, 'other.tar.gz'), await tarGz(dir, { 'elsewhere/x.txt': 'x' }));
    await expect(extractTarGzAtomic(join(dir, 'other.tar.gz'), cache, 'top')).rejects.toThrow(/holds no top\/ directory/);
    expect(await readdir(cache)).toEqual([]);
  });
});
