import { existsSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { download, DownloadError, type DownloadOptions } from '../../src/node/download.js';
import { closedPort, startServer, type TestServer } from './http_fixture.js';
import { md5, sha256, tempDir } from './fixtures.js';

const body = Uint8Array.from({ length: 50_000 }, (_, i) => (i * 31 + 7) % 251);
const good = { algorithm: 'md5', hex: md5(body) } as const;

let dir: string;
let cleanup: () => Promise<void>;
let server: TestServer | undefined;
let sleeps: number[];
let lines: string[];

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  sleeps = [];
  lines = [];
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await cleanup();
});

/** Fast, observable options: no real waiting, progress lines captured. */
function opts(url: string, extra: Partial<DownloadOptions> = {}): DownloadOptions {
  return {
    url,
    cacheDir: dir,
    checksum: good,
    retries: 2,
    sleep: async (ms) => void sleeps.push(ms),
    progress: 'lines',
    log: (l) => void lines.push(l),
    ...extra,
  };
}

const files = async (): Promise<string[]> => (await readdir(dir)).sort();

describe('download', () => {
  it('downloads, verifies md5 and renames into place, reporting progress per 10%', async () => {
    server = await startServer({ '/data/f.bin': { body } });
    const path = await download(opts(`${server.url}data/f.bin`));
    expect(path).toBe(join(dir, 'f.bin'));
    expect(new Uint8Array(await readFile(path))).toEqual(body);
    expect(await files()).toEqual(['f.bin']);
    expect(lines.some((l) => /f\.bin: 100%/.test(l))).toBe(true);
    expect(lines.filter((l) => /%/.test(l)).length).toBeLessThanOrEqual(10);
  });

  it('verifies sha256 too, and keeps a verified file without fetching again', async () => {
    server = await startServer({ '/f.bin': { body } });
    const o = opts(`${server.url}f.bin`, { checksum: { algorithm: 'sha256', hex: sha256(body) }, fileName: 'g.bin' });
    await download(o);
    await download(o);
    expect(server.seen.length).toBe(1);
    expect(await files()).toEqual(['g.bin']);
  });

  it('replaces a cached file whose checksum is wrong', async () => {
    server = await startServer({ '/f.bin': { body } });
    await writeFile(join(dir, 'f.bin'), 'stale');
    await download(opts(`${server.url}f.bin`));
    expect(new Uint8Array(await readFile(join(dir, 'f.bin')))).toEqual(body);
    expect(lines.join('\n')).toMatch(/is not the expected .*downloading it again/);
  });

  it('rejects a corrupted body naming file, expected and actual hash, and leaves the cache clean', async () => {
    const bad = body.slice();
    bad[100] ^= 0xff;
    server = await startServer({ '/f.bin': { body: bad } });
    const err = await download(opts(`${server.url}f.bin`)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DownloadError);
    expect((err as DownloadError).reason).toBe('checksum');
    const msg = (err as Error).message;
    expect(msg).toContain(`checksum mismatch for ${join(dir, 'f.bin')}`);
    expect(msg).toContain(`expected md5 ${good.hex}, got ${md5(bad)}`);
    expect(await files()).toEqual([]);
    expect(server.seen.length).toBe(1); // a fresh (not resumed) download is not retried
  });

  it('resumes with a Range request after the connection drops mid-body', async () => {
    server = await startServer({ '/f.bin': { body, drop: { times: 1, after: 20_000 } } });
    await download(opts(`${server.url}f.bin`));
    expect(new Uint8Array(await readFile(join(dir, 'f.bin')))).toEqual(body);
    expect(server.seen).toEqual([{ path: '/f.bin' }, { path: '/f.bin', range: 'bytes=20000-' }]);
    expect(sleeps).toEqual([500]);
    expect(await files()).toEqual(['f.bin']);
  });

  it('restarts cleanly when the server ignores Range (answers 200)', async () => {
    server = await startServer({ '/f.bin': { body, range: false, drop: { times: 1, after: 20_000 } } });
    await download(opts(`${server.url}f.bin`));
    expect(new Uint8Array(await readFile(join(dir, 'f.bin')))).toEqual(body);
    expect(server.seen[1]?.range).toBe('bytes=20000-');
    expect(lines.join('\n')).toMatch(/does not support resuming; restarting/);
  });

  it('resumes a .partial left by an earlier run, and finishes one that is already complete (416)', async () => {
    server = await startServer({ '/f.bin': { body } });
    await writeFile(join(dir, 'f.bin.partial'), body.subarray(0, 1234));
    await download(opts(`${server.url}f.bin`));
    expect(server.seen[0]?.range).toBe('bytes=1234-');
    expect(new Uint8Array(await readFile(join(dir, 'f.bin')))).toEqual(body);

    await writeFile(join(dir, 'h.bin.partial'), body);
    await download(opts(`${server.url}f.bin`, { fileName: 'h.bin' }));
    expect(server.seen.at(-1)?.range).toBe(`bytes=${body.length}-`);
    expect(new Uint8Array(await readFile(join(dir, 'h.bin')))).toEqual(body);
    expect(await files()).toEqual(['f.bin', 'h.bin']);
  });

  it('gives a clean error after the retries when the body is always truncated, keeping the .partial to resume', async () => {
    server = await startServer({ '/f.bin': { body, drop: { times: 99, after: 1000 } } });
    const err = (await download(opts(`${server.url}f.bin`)).catch((e: unknown) => e)) as DownloadError;
    expect(err).toBeInstanceOf(DownloadError);
    expect(err.reason).toBe('failed');
    expect(err.message).toMatch(/could not download f\.bin: every URL failed/);
    expect(err.message).toMatch(/f\.bin: connection dropped after 1000 of 50000 bytes/);
    expect(err.message).toMatch(/f\.bin: connection dropped after 2000 of 50000 bytes/);
    expect(err.message).toContain(`place it at:\n  ${join(dir, 'f.bin')}`);
    expect(server.seen.length).toBe(3);
    expect(sleeps).toEqual([500, 1000]);
    expect(existsSync(join(dir, 'f.bin'))).toBe(false);
    expect(existsSync(join(dir, 'f.bin.partial'))).toBe(true);
  });

  it('retries HTTP 5xx, not 404, and falls over to a mirror', async () => {
    server = await startServer({ '/flaky.bin': { body, fail: { times: 1, status: 503 } }, '/m/f.bin': { body } });
    await download(opts(`${server.url}flaky.bin`, { fileName: 'f.bin' }));
    expect(server.seen.map((s) => s.path)).toEqual(['/flaky.bin', '/flaky.bin']);

    server.seen.length = 0;
    await download(opts(`${server.url}missing/f.bin`, { fileName: 'k.bin', mirrors: [`${server.url}m/f.bin`] }));
    expect(server.seen.map((s) => s.path)).toEqual(['/missing/f.bin', '/m/f.bin']);
  });

  it('follows redirects, relative and absolute, but not forever', async () => {
    server = await startServer({ '/old': { redirect: '/new/f.bin' }, '/new/f.bin': { body }, '/loop': { redirect: '/loop' } });
    server.routes['/abs'] = { redirect: `${server.url}old` };
    const path = await download(opts(`${server.url}abs`, { fileName: 'f.bin' }));
    expect(new Uint8Array(await readFile(path))).toEqual(body);
    await expect(download(opts(`${server.url}loop`, { fileName: 'l.bin', maxRedirects: 3 }))).rejects.toThrow(/more than 3 redirects/);
  });

  it('times out a stalled connection and retries', async () => {
    server = await startServer({ '/f.bin': { body, stallMs: 5_000 } });
    const err = await download(opts(`${server.url}f.bin`, { timeoutMs: 100, retries: 1 })).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/f\.bin: no data for 100 ms\n.*f\.bin: no data for 100 ms/);
    expect(server.seen.length).toBe(2);
  });

  it('with no network, says which URLs were tried and where to place the file by hand', async () => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}/mnist/a.gz`;
    const mirror = `http://127.0.0.1:${port}/mirror/a.gz`;
    const err = (await download(opts(url, { mirrors: [mirror], manualHint: 'MNIST needs a.gz, b.gz' })).catch((e: unknown) => e)) as DownloadError;
    expect(err).toBeInstanceOf(DownloadError);
    expect(err.reason).toBe('offline');
    expect(err.message).toContain('no network connection');
    expect(err.message).toContain(`${url}: ECONNREFUSED`);
    expect(err.message).toContain(`${mirror}: ECONNREFUSED`);
    expect(err.message).toContain(`place it at:\n  ${join(dir, 'a.gz')}`);
    expect(err.message).toContain('MNIST needs a.gz, b.gz');
    expect(sleeps).toEqual([]); // refused connections are not retried
    expect(await files()).toEqual([]);
  });
});
