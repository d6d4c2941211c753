/**
 * The data-set cache: where downloaded files live, where local copies may already be,
 * and how archives are unpacked into it without ever leaving a half-written tree.
 *
 * Layout: `<cacheDir>/<dataset>/<file>` for downloads, `<cacheDir>/<dataset>/<topDir>/`
 * for an unpacked archive (e.g. `cifar10/cifar-10-batches-bin/`).
 */
import { constants as fsConstants, createReadStream } from 'node:fs';
import { access, mkdtemp, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { mkdirp } from './atomic.js';
import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createGunzip, gunzip } from 'node:zlib';
import { extract } from 'tar';
import { isGzip } from '../data/idx.js';
import { download, hashFile, type Checksum, type DownloadOptions } from './download.js';

/**
 * Directories where Linux distributions install data sets, per data set (checked after
 * the cache). Debian's `dataset-fashion-mnist` ships the four gzipped IDX files
 * (recompressed, so their checksums differ from upstream's; the loaders verify the
 * decompressed bytes for these). Nothing ships MNIST in full, nor CIFAR or IMDB.
 */
export const KNOWN_LOCAL_DIRS: Readonly<Record<string, readonly string[]>> = {
  'fashion-mnist': ['/usr/share/datasets/fashion-mnist'],
};

/**
 * The default cache directory: `$TARGETSPACE_DATA` when set, else
 * `$XDG_CACHE_HOME/targetspace/datasets`, else `~/.cache/targetspace/datasets`.
 * @param env the environment to read (a parameter so tests need not touch process.env)
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  if (env.TARGETSPACE_DATA) return resolve(env.TARGETSPACE_DATA);
  // XDG says a relative XDG_CACHE_HOME is invalid and must be ignored.
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg && xdg.startsWith('/') ? xdg : join(home, '.cache');
  return join(base, 'targetspace', 'datasets');
}

/** The cache directory to use: the per-call override when given, else {@link defaultCacheDir}. */
export function resolveCacheDir(override?: string): string {
  return override ? resolve(override) : defaultCacheDir();
}

/** `<cacheDir>/<dataset>`, the directory holding one data set's files. */
export function datasetCacheDir(dataset: string, cacheDir?: string): string {
  return join(resolveCacheDir(cacheDir), dataset);
}

/** A file's bytes, gunzipped when they start with the gzip magic 1f 8b: raw and .gz copies both work. */
export async function readMaybeGzip(path: string): Promise<Uint8Array> {
  const bytes = await readFile(path);
  return isGzip(bytes) ? promisify(gunzip)(bytes) : bytes;
}

/** True when `path` exists and is readable. */
export async function isReadable(path: string): Promise<boolean> {
  try {
    await access(path, fsConstants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The first readable `<dir>/<name>` over `dirs` x `names` (dirs outermost, so an earlier
 * directory wins), or undefined.
 * @param names alternative file names, e.g. `['x.gz', 'x']` to accept a gunzipped copy too
 */
export async function findFile(names: readonly string[], dirs: readonly string[]): Promise<string | undefined> {
  for (const dir of dirs) {
    for (const name of names) {
      const path = join(dir, name);
      if (await isReadable(path)) return path;
    }
  }
  return undefined;
}

/**
 * Where to look for a data set's files: its cache directory first, then the known local
 * directories (or `localDirs` when given; tests pass `[]` to ignore the system's copies).
 */
export function searchDirs(dataset: string, cacheDir?: string, localDirs?: readonly string[]): string[] {
  return [datasetCacheDir(dataset, cacheDir), ...(localDirs ?? KNOWN_LOCAL_DIRS[dataset] ?? [])];
}

/** True when `path` is an existing directory. */
export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Options of {@link extractTarGzAtomic}. */
export interface ExtractOptions {
  /** Keep only entries for which this returns true (paths as stored, e.g. `aclImdb/train/pos/0_9.txt`). */
  filter?: (path: string) => boolean;
}

/**
 * Unpack `<topDir>/` out of a .tar.gz (or .tar) archive into `<parentDir>/<topDir>`,
 * atomically: the archive is extracted into a fresh temporary directory beside it, and
 * only a complete `<topDir>` is renamed into place. So an interrupted extraction leaves
 * no `<parentDir>/<topDir>`, and the next run starts over instead of reading a partial
 * tree. When another process finished first, its copy is kept and ours is dropped.
 *
 * @returns the path `<parentDir>/<topDir>`
 * @throws when the archive is unreadable or holds no `<topDir>/`
 */
export async function extractTarGzAtomic(
  archive: string,
  parentDir: string,
  topDir: string,
  opts: ExtractOptions = {},
): Promise<string> {
  const final = join(parentDir, topDir);
  mkdirp(parentDir);
  const tmp = await mkdtemp(join(parentDir, `.extract-${topDir}-`));
  try {
    const filter = opts.filter;
    try {
      await extract({
        file: archive,
        cwd: tmp,
        // Reject absolute paths and `..` (the tar default), and fail on damaged archives
        // instead of warning past them.
        strict: true,
        ...(filter ? { filter: (path: string) => filter(path.replace(/^\.\//, '')) } : {}),
      });
    } catch (err) {
      throw new Error(
        `could not extract ${archive}: ${(err as Error).message}; delete it and download it again`,
        { cause: err },
      );
    }
    const extracted = join(tmp, topDir);
    if (!(await isDirectory(extracted))) {
      throw new Error(`archive ${archive} holds no ${topDir}/ directory; is it the right archive?`);
    }
    if (await isDirectory(final)) return final;
    try {
      await rename(extracted, final);
    } catch (err) {
      // Lost a race with another process: theirs is complete, so use it.
      if (!(await isDirectory(final))) throw err;
    }
    return final;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** One file a data set needs, and how to recognise a good copy. */
export interface CachedFile {
  /** Cache sub-directory, e.g. 'fashion-mnist'. */
  dataset: string;
  /** File name as published, e.g. 'train-images-idx3-ubyte.gz'. */
  file: string;
  /** Where to download it from, primary first. */
  urls: readonly string[];
  /** Hash of the file as published; no check when absent. */
  checksum?: Checksum;
  /**
   * sha256 of the DECOMPRESSED bytes. Also accepted, so that recompressed copies (Debian's
   * Fashion-MNIST) and gunzipped copies (`file` without `.gz`) pass.
   */
  rawSha256?: string;
}

/** Where {@link ensureFile} looks and whether it may download. */
export interface EnsureOptions {
  /** Cache root; default {@link defaultCacheDir}. */
  cacheDir?: string;
  /** Local directories searched after the cache; default {@link KNOWN_LOCAL_DIRS}. */
  localDirs?: readonly string[];
  /** Fetch missing files (default true); false makes a missing file an error. */
  download?: boolean;
  /** Passed on to {@link download} (retries, progress, timeouts, ...). */
  downloadOptions?: Partial<DownloadOptions>;
  /** Added to "place it by hand" errors: e.g. the full list of files the data set needs. */
  manualHint?: string;
}

/**
 * The path of a verified copy of `spec.file`: from the cache, else a known local
 * directory, else downloaded into `<cacheDir>/<dataset>/`. Copies that fail verification
 * are skipped (a bad one in the cache is replaced by the download).
 * @throws when no good copy exists and downloading is off or fails; the message says
 *   where to place the file by hand
 */
export async function ensureFile(spec: CachedFile, opts: EnsureOptions = {}): Promise<string> {
  const dir = datasetCacheDir(spec.dataset, opts.cacheDir);
  const names = spec.rawSha256 && spec.file.endsWith('.gz') ? [spec.file, spec.file.slice(0, -3)] : [spec.file];
  const rejected: string[] = [];
  for (const d of searchDirs(spec.dataset, opts.cacheDir, opts.localDirs)) {
    for (const name of names) {
      const path = join(d, name);
      if (!(await isReadable(path))) continue;
      const why = await verifyFile(path, spec);
      if (why === undefined) return path;
      rejected.push(`  ${why}`);
    }
  }
  const badCopies = rejected.length ? `\nCopies found but rejected:\n${rejected.join('\n')}` : '';
  if (opts.download === false) {
    throw new Error(
      `${spec.file} is not in the cache and downloading is off (download: false).${badCopies}\n` +
        `Fetch ${spec.urls.join(' or ')} and place it at:\n  ${join(dir, spec.file)}` +
        (opts.manualHint ? `\n${opts.manualHint}` : ''),
    );
  }
  const [url, ...mirrors] = spec.urls;
  if (!url) throw new Error(`${spec.file}: no download URL known; place it at ${join(dir, spec.file)}`);
  return download({
    ...opts.downloadOptions,
    url,
    mirrors,
    cacheDir: dir,
    fileName: spec.file,
    ...(spec.checksum ? { checksum: spec.checksum } : {}),
    ...(opts.manualHint ? { manualHint: opts.manualHint } : {}),
  });
}

/**
 * Check a copy of `spec.file` against its published checksum, or against `rawSha256`
 * of its decompressed bytes.
 * @returns undefined when it passes, else why not (naming the file and the hashes)
 */
export async function verifyFile(path: string, spec: Pick<CachedFile, 'checksum' | 'rawSha256'>): Promise<string | undefined> {
  if (!spec.checksum && !spec.rawSha256) return undefined;
  let actual = '';
  if (spec.checksum) {
    actual = await hashFile(path, spec.checksum.algorithm);
    if (actual === spec.checksum.hex.toLowerCase()) return undefined;
  }
  let raw = '';
  if (spec.rawSha256) {
    raw = await hashDecompressed(path);
    if (raw === spec.rawSha256.toLowerCase()) return undefined;
  }
  const expected = [
    spec.checksum ? `${spec.checksum.algorithm} ${spec.checksum.hex}` : '',
    spec.rawSha256 ? `sha256 of the decompressed bytes ${spec.rawSha256}` : '',
  ].filter(Boolean);
  const got = [spec.checksum ? actual : '', spec.rawSha256 ? raw : ''].filter(Boolean);
  return `${path}: expected ${expected.join(' or ')}, got ${got.join(' / ')}`;
}

/** sha256 of a file's bytes after gunzip (or of the bytes themselves when not gzipped). */
async function hashDecompressed(path: string): Promise<string> {
  const head = Buffer.alloc(2);
  const fh = await open(path, 'r');
  try {
    await fh.read(head, 0, 2, 0);
  } finally {
    await fh.close();
  }
  const hash = createHash('sha256');
  const gz = isGzip(head);
  const sink = async (source: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of source) hash.update(chunk);
  };
  if (gz) await pipeline(createReadStream(path), createGunzip(), sink);
  else await pipeline(createReadStream(path), sink);
  return hash.digest('hex');
}
