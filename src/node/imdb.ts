/**
 * The IMDB movie-review sentiment data set (Maas et al. 2011, "Learning Word Vectors for
 * Sentiment Analysis"), used by the paper's section 5.4: 25000 training and 25000 test
 * reviews, half positive and half negative.
 *
 * Source: the canonical `aclImdb_v1.tar.gz`, laid out as
 * `aclImdb/{train,test}/{pos,neg}/<id>_<rating>.txt`. Only those four directories (and the
 * top-level README) are unpacked: the 50000 unlabelled `train/unsup` reviews are not used.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { datasetCacheDir, ensureFile, extractTarGzAtomic, isDirectory, type EnsureOptions } from './cache.js';
import type { Checksum } from './download.js';

/** Texts and labels of one split: `labels[i]` is 1 for a positive review, 0 for a negative one. */
export interface TextSplit {
  texts: string[];
  labels: Int32Array;
}

/** IMDB's official train and test splits. */
export interface ImdbDataset {
  train: TextSplit;
  test: TextSplit;
}

/** Options of {@link loadImdb}. */
export interface ImdbOptions extends Omit<EnsureOptions, 'manualHint'> {
  /** Replaces the canonical URL directory, e.g. a local server in tests. */
  baseUrl?: string;
  /** Keep only the first N reviews of each split (a number caps both), for quick runs. */
  limit?: number | { train?: number; test?: number };
  /** Replaces the pinned archive checksum (fixture archives in tests). */
  checksum?: Checksum;
}

/** The canonical archive and its published MD5 (as in TensorFlow Datasets). */
export const IMDB_ARCHIVE = {
  url: 'https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz',
  file: 'aclImdb_v1.tar.gz',
  md5: '7c2ac02c03563afcf9b574c7e56c153a',
  topDir: 'aclImdb',
} as const;

/**
 * Load IMDB's train and test splits.
 *
 * Order is deterministic: within a split, the negative and the positive file names are
 * each sorted (by code unit), then interleaved neg, pos, neg, pos, ... so that any prefix
 * (as taken by `limit`) is balanced between the classes.
 * @throws when the archive is missing and cannot be downloaded (saying where to put it),
 *   fails its checksum, or lacks the expected directories
 */
export async function loadImdb(opts: ImdbOptions = {}): Promise<ImdbDataset> {
  const parent = datasetCacheDir('imdb', opts.cacheDir);
  const top = join(parent, IMDB_ARCHIVE.topDir);
  if (!(await isDirectory(top))) {
    const url = opts.baseUrl
      ? new URL(IMDB_ARCHIVE.file, opts.baseUrl.endsWith('/') ? opts.baseUrl : `${opts.baseUrl}/`).toString()
      : IMDB_ARCHIVE.url;
    const archive = await ensureFile(
      {
        dataset: 'imdb',
        file: IMDB_ARCHIVE.file,
        urls: [url],
        checksum: opts.checksum ?? { algorithm: 'md5', hex: IMDB_ARCHIVE.md5 },
      },
      { ...opts, manualHint: `IMDB needs ${IMDB_ARCHIVE.file} (from ${url}) in ${parent}` },
    );
    await extractTarGzAtomic(archive, parent, IMDB_ARCHIVE.topDir, { filter: isLabelledReviewPath });
  }
  const cap = (split: 'train' | 'test'): number =>
    typeof opts.limit === 'number' ? opts.limit : (opts.limit?.[split] ?? Infinity);
  return {
    train: await loadSplit(join(top, 'train'), cap('train')),
    test: await loadSplit(join(top, 'test'), cap('test')),
  };
}

/** Tidy a review: the corpus marks line breaks with literal `<br />` tags; they become spaces. */
export function cleanReview(text: string): string {
  return text.replace(/<br\s*\/?>/gi, ' ');
}

/**
 * True for the archive entries the loader needs: `aclImdb/`, its top-level files, and
 * `aclImdb/{train,test}/{pos,neg}/...`. (tar asks about directories too, hence the prefixes.)
 */
export function isLabelledReviewPath(path: string): boolean {
  const parts = path.split('/').filter((p) => p.length > 0);
  if (parts[0] !== IMDB_ARCHIVE.topDir) return false;
  if (parts.length === 1) return true;
  const isSplit = parts[1] === 'train' || parts[1] === 'test';
  if (parts.length === 2) return isSplit || !path.endsWith('/'); // split dirs and top-level files
  return isSplit && (parts[2] === 'pos' || parts[2] === 'neg');
}

async function loadSplit(dir: string, limit: number): Promise<TextSplit> {
  const list = async (label: 'pos' | 'neg'): Promise<string[]> => {
    const d = join(dir, label);
    if (!(await isDirectory(d))) {
      throw new Error(`${d} is missing: not the aclImdb layout? Delete ${join(dir, '..')} to unpack the archive again`);
    }
    const names = (await readdir(d)).filter((f) => f.endsWith('.txt'));
    return names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((f) => join(d, f));
  };
  const [neg, pos] = [await list('neg'), await list('pos')];
  const files: { path: string; label: number }[] = [];
  for (let i = 0; i < Math.max(neg.length, pos.length); i++) {
    if (i < neg.length) files.push({ path: neg[i]!, label: 0 });
    if (i < pos.length) files.push({ path: pos[i]!, label: 1 });
  }
  const chosen = files.slice(0, Math.max(0, limit));
  return {
    texts: await readAll(chosen.map((f) => f.path)),
    labels: Int32Array.from(chosen.map((f) => f.label)),
  };
}

/** Read and clean many small files, a bounded number at a time (25000 at once would exhaust file handles). */
async function readAll(paths: readonly string[], concurrency = 64): Promise<string[]> {
  const out = new Array<string>(paths.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      const i = next++;
      out[i] = cleanReview(await readFile(paths[i]!, 'utf8'));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, paths.length) }, worker));
  return out;
}
