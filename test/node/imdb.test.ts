import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanReview, isLabelledReviewPath, loadImdb, type ImdbOptions } from '../../src/node/imdb.js';
import { startServer, type TestServer } from './http_fixture.js';
import { md5, tarGz, tempDir } from './fixtures.js';

let server: TestServer;
let work: string;
let cleanup: () => Promise<void>;
let archiveMd5: string;

beforeAll(async () => {
  ({ dir: work, cleanup } = await tempDir());
  const archive = await tarGz(work, {
    'aclImdb/README': 'readme',
    'aclImdb/imdb.vocab': 'the\nfilm\n',
    'aclImdb/train/labeledBow.feat': '0 0:1',
    'aclImdb/train/pos/10_9.txt': 'pos ten',
    'aclImdb/train/pos/2_8.txt': 'Great.<br /><br />Loved it',
    'aclImdb/train/pos/0_10.txt': 'pos zero',
    'aclImdb/train/neg/1_2.txt': 'neg one<br/>line',
    'aclImdb/train/neg/0_1.txt': 'neg zero',
    'aclImdb/train/unsup/0_0.txt': 'unlabelled',
    'aclImdb/test/pos/5_7.txt': 'test pos',
    'aclImdb/test/neg/3_4.txt': 'test neg',
  });
  archiveMd5 = md5(archive);
  server = await startServer({ '/imdb/aclImdb_v1.tar.gz': { body: archive } });
});
afterAll(async () => {
  await server.close();
  await cleanup();
});

let n = 0;
const fresh = (extra: Partial<ImdbOptions> = {}): ImdbOptions => ({
  cacheDir: join(work, `cache${n++}`),
  baseUrl: `${server.url}imdb`,
  checksum: { algorithm: 'md5', hex: archiveMd5 },
  downloadOptions: { progress: 'none', retries: 0 },
  ...extra,
});

describe('loadImdb', () => {
  it('reads the aclImdb layout: label 1 = pos, sorted names, neg/pos interleaved, <br /> stripped', async () => {
    const opts = fresh();
    const ds = await loadImdb(opts);
    // neg sorted: 0_1, 1_2; pos sorted (by code unit): 0_10, 10_9, 2_8.
    expect(ds.train.texts).toEqual(['neg zero', 'pos zero', 'neg one line', 'pos ten', 'Great.  Loved it']);
    expect([...ds.train.labels]).toEqual([0, 1, 0, 1, 1]);
    expect(ds.test.texts).toEqual(['test neg', 'test pos']);
    expect([...ds.test.labels]).toEqual([0, 1]);
    const top = join(opts.cacheDir!, 'imdb', 'aclImdb');
    expect(existsSync(join(top, 'README'))).toBe(true);
    expect(existsSync(join(top, 'train', 'unsup'))).toBe(false);
    expect(existsSync(join(top, 'train', 'labeledBow.feat'))).toBe(false);
  });

  it('limit keeps a balanced prefix; the unpacked cache works offline', async () => {
    const opts = fresh();
    await loadImdb(opts);
    const requests = server.seen.length;
    const ds = await loadImdb({ ...opts, download: false, baseUrl: 'http://127.0.0.1:1/', limit: { train: 2 } });
    expect([...ds.train.labels]).toEqual([0, 1]);
    expect(ds.test.texts.length).toBe(2);
    expect((await loadImdb({ ...opts, download: false, limit: 1 })).test.texts).toEqual(['test neg']);
    expect(server.seen.length).toBe(requests);
  });

  it('a wrong checksum leaves the cache clean; no archive and no download says where it goes', async () => {
    const bad = fresh({ checksum: { algorithm: 'md5', hex: '1'.repeat(32) } });
    await expect(loadImdb(bad)).rejects.toThrow(/checksum mismatch for .*aclImdb_v1\.tar\.gz: expected md5 1{32}/);
    expect(existsSync(join(bad.cacheDir!, 'imdb', 'aclImdb'))).toBe(false);
    expect(existsSync(join(bad.cacheDir!, 'imdb', 'aclImdb_v1.tar.gz'))).toBe(false);
    const off = fresh({ download: false });
    await expect(loadImdb(off)).rejects.toThrow(`place it at:\n  ${join(off.cacheDir!, 'imdb', 'aclImdb_v1.tar.gz')}`);
  });

  it('cleans reviews and filters archive paths', () => {
    expect(cleanReview('a<br />b<BR>c<br/>d')).toBe('a b c d');
    expect(isLabelledReviewPath('aclImdb/')).toBe(true);
    expect(isLabelledReviewPath('aclImdb/train/')).toBe(true);
    expect(isLabelledReviewPath('aclImdb/test/neg/1_2.txt')).toBe(true);
    expect(isLabelledReviewPath('aclImdb/train/unsup/0_0.txt')).toBe(false);
    expect(isLabelledReviewPath('aclImdb/train/urls_pos.txt')).toBe(false);
    expect(isLabelledReviewPath('other/train/pos/0_1.txt')).toBe(false);
  });
});
