/**
 * Download one file into a cache directory, safely:
 *
 * - bytes go to `<name>.partial`, which is fsynced, checksummed and only then renamed to
 *   `<name>`, so the final name never holds a half-written or corrupt file;
 * - a checksum mismatch deletes the download and names the file, expected and actual hash;
 * - transient failures (dropped connection, truncated body, timeout, HTTP 5xx/408/429) are
 *   retried with backoff, resuming the `.partial` with an HTTP Range request; a server
 *   that answers 200 instead of 206 gets a clean restart;
 * - redirects are followed; mirrors are tried in order;
 * - with no network at all, the error lists the URLs tried and where to put the file by hand.
 *
 * A `.partial` left by a failed call is resumed by the next call.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { mkdirp } from './atomic.js';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { basename, join } from 'node:path';
import { makeProgress, type ProgressMode } from './download_progress.js';

/** An expected hash of a file's bytes, lower-case hex. */
export interface Checksum {
  algorithm: 'md5' | 'sha256';
  hex: string;
}

/** Options of {@link download}. */
export interface DownloadOptions {
  /** The primary URL. */
  url: string;
  /** Further URLs for the same bytes, tried in order when `url` fails. */
  mirrors?: readonly string[];
  /** Directory the file lands in; created when missing. */
  cacheDir: string;
  /** File name inside `cacheDir`; default: the last path segment of `url`. */
  fileName?: string;
  /** Hash of the complete file, checked before it gets its final name. */
  checksum?: Checksum;
  /** Extra attempts per URL after the first, for transient failures. Default 3. */
  retries?: number;
  /** Delay before retry number `retry` (0-based). Default 500 ms * 2^retry. */
  backoffMs?: (retry: number) => number;
  /** How to wait; injectable so tests need not wait. Default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** Give up on a connection idle this long (ms). Default 30000. */
  timeoutMs?: number;
  /** Redirects to follow per request. Default 5. */
  maxRedirects?: number;
  /** 'auto' (default): a bar when stderr is a TTY, else a line per 10%. */
  progress?: ProgressMode;
  /** Where progress lines and notes go. Default: stderr. */
  log?: (line: string) => void;
  /** Appended to the error when every URL failed, e.g. the other files a data set needs. */
  manualHint?: string;
}

/** A file whose hash is not the expected one. */
export class ChecksumError extends Error {
  constructor(
    readonly file: string,
    readonly expected: Checksum,
    readonly actual: string,
    detail = '',
  ) {
    super(`checksum mismatch for ${file}: expected ${expected.algorithm} ${expected.hex}, got ${actual}${detail}`);
    this.name = 'ChecksumError';
  }
}

/** Every URL failed. `reason` is 'offline' when none could even be reached. */
export class DownloadError extends Error {
  constructor(
    message: string,
    readonly reason: 'offline' | 'checksum' | 'failed',
    readonly urls: readonly string[],
    readonly dest: string,
  ) {
    super(message);
    this.name = 'DownloadError';
  }
}

/** Errors that mean "no route to the server at all": not worth retrying the same URL. */
const OFFLINE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN']);

/** One failed attempt; `retryable` says whether the same URL may work next time. */
class AttemptError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly offline = false,
  ) {
    super(message);
  }
}

/**
 * Download `opts.url` (or a mirror) to `<cacheDir>/<fileName>`; see the module docs.
 * An existing final file that passes the checksum is kept and nothing is fetched.
 * @returns the final path
 * @throws DownloadError when every URL failed (its message says where to put the file by hand)
 */
export async function download(opts: DownloadOptions): Promise<string> {
  const urls = [opts.url, ...(opts.mirrors ?? [])];
  const name = opts.fileName ?? basename(new URL(opts.url).pathname);
  const dest = join(opts.cacheDir, name);
  const partial = `${dest}.partial`;
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const retries = opts.retries ?? 3;
  const backoff = opts.backoffMs ?? ((r: number) => 500 * 2 ** r);
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  mkdirp(opts.cacheDir);

  if ((await fileSize(dest)) !== undefined) {
    if (!opts.checksum) return dest;
    const actual = await hashFile(dest, opts.checksum.algorithm);
    if (actual === opts.checksum.hex.toLowerCase()) return dest;
    log(`${dest}: ${opts.checksum.algorithm} ${actual} is not the expected ${opts.checksum.hex}; downloading it again`);
  }

  const failures: { url: string; error: Error }[] = [];
  for (const url of urls) {
    for (let attempt = 0; ; attempt++) {
      let resumed: boolean;
      try {
        resumed = await fetchInto(url, partial, name, opts, log);
      } catch (e) {
        const err = classify(e);
        failures.push({ url, error: err });
        if (!err.retryable || attempt >= retries) break;
        await sleep(backoff(attempt));
        continue;
      }
      if (opts.checksum) {
        const actual = await hashFile(partial, opts.checksum.algorithm);
        if (actual !== opts.checksum.hex.toLowerCase()) {
          await rm(partial, { force: true });
          failures.push({ url, error: new ChecksumError(dest, opts.checksum, actual, ` (downloaded from ${url}; deleted)`) });
          // Bytes glued on by a resume may be the culprit: try once more from scratch.
          if (resumed && attempt < retries) continue;
          break;
        }
      }
      await rename(partial, dest);
      await fsyncDir(opts.cacheDir);
      return dest;
    }
  }
  throw failureError(failures, urls, dest, opts.manualHint);
}

/**
 * One GET of `url` into `partial`, resuming it when it already holds bytes.
 * @returns true when bytes were appended to an existing partial file
 */
async function fetchInto(
  url: string,
  partial: string,
  name: string,
  opts: DownloadOptions,
  log: (line: string) => void,
): Promise<boolean> {
  let start = (await fileSize(partial)) ?? 0;
  const res = await get(new URL(url), start > 0 ? { Range: `bytes=${start}-` } : {}, opts);
  let total: number | undefined;
  if (res.statusCode === 206 && start > 0) {
    const m = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(res.headers['content-range'] ?? '');
    if (!m || Number(m[1]) !== start) {
      res.resume();
      await rm(partial, { force: true });
      throw new AttemptError(`server resumed at the wrong offset (${res.headers['content-range']}); restarting`, true);
    }
    total = m[2] === '*' ? undefined : Number(m[2]);
  } else if (res.statusCode === 200) {
    if (start > 0) log(`${name}: server does not support resuming; restarting from the first byte`);
    start = 0;
    total = contentLength(res);
  } else if (res.statusCode === 416 && start > 0) {
    res.resume();
    // "Range not satisfiable": our partial is already complete when it matches the size
    // the server reports; otherwise it is garbage.
    const m = /\/(\d+)$/.exec(res.headers['content-range'] ?? '');
    if (m && Number(m[1]) === start) return true;
    await rm(partial, { force: true });
    throw new AttemptError(`server rejected resuming at byte ${start}; restarting`, true);
  } else {
    res.resume();
    const s = res.statusCode ?? 0;
    throw new AttemptError(`HTTP ${s} ${res.statusMessage ?? ''}`.trim(), s >= 500 || s === 408 || s === 429);
  }

  const progress = makeProgress(opts.progress ?? 'auto', name, opts.log);
  progress.start(total, start);
  const fh = await open(partial, start > 0 ? 'a' : 'w');
  let received = start;
  try {
    try {
      for await (const chunk of res as AsyncIterable<Buffer>) {
        await fh.write(chunk);
        received += chunk.length;
        progress.update(received);
      }
    } catch (e) {
      if (e instanceof AttemptError) throw e;
      const err = e as NodeJS.ErrnoException;
      throw new AttemptError(
        `connection dropped after ${received} of ${total ?? 'unknown'} bytes (${err.code ?? ''} ${err.message})`,
        true,
      );
    }
    if (total !== undefined && received < total) {
      throw new AttemptError(`connection closed after ${received} of ${total} bytes`, true);
    }
    await fh.sync();
  } finally {
    progress.stop();
    await fh.close();
  }
  return start > 0;
}

/** GET with redirects and an idle timeout; resolves at the final response's headers. */
async function get(url: URL, headers: Record<string, string>, opts: DownloadOptions): Promise<IncomingMessage> {
  const maxRedirects = opts.maxRedirects ?? 5;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  for (let hop = 0; ; hop++) {
    const res = await getOnce(url, headers, timeoutMs);
    const location = res.headers.location;
    if (!location || ![301, 302, 303, 307, 308].includes(res.statusCode ?? 0)) return res;
    res.resume();
    if (hop >= maxRedirects) throw new AttemptError(`more than ${maxRedirects} redirects`, false);
    url = new URL(location, url);
  }
}

function getOnce(url: URL, headers: Record<string, string>, timeoutMs: number): Promise<IncomingMessage> {
  const client = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : undefined;
  if (!client) return Promise.reject(new AttemptError(`unsupported protocol ${url.protocol}`, false));
  return new Promise((resolve, reject) => {
    // agent: false: one connection per request, nothing pooled outliving the download.
    let response: IncomingMessage | undefined;
    const req = client.get(url, { headers, agent: false }, (res) => {
      response = res;
      res.on('error', () => undefined); // surfaced by the reader's iterator instead
      resolve(res);
    });
    // An idle timer on the socket: covers connecting, waiting for headers and stalls mid-body.
    req.setTimeout(timeoutMs, () => {
      const err = new AttemptError(`no data for ${timeoutMs} ms`, true);
      response?.destroy(err);
      req.destroy(err);
    });
    req.on('error', reject);
  });
}

function contentLength(res: IncomingMessage): number | undefined {
  const v = res.headers['content-length'];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

function classify(e: unknown): AttemptError {
  if (e instanceof AttemptError) return e;
  const err = e as NodeJS.ErrnoException;
  const code = err.code ?? '';
  if (OFFLINE_CODES.has(code)) return new AttemptError(`${code} ${err.message}`, false, true);
  // Resets, aborted responses, socket timeouts: the next try may well work.
  return new AttemptError(code ? `${code} ${err.message}` : err.message, true);
}

function failureError(failures: { url: string; error: Error }[], urls: string[], dest: string, hint?: string): DownloadError {
  const offline = failures.every((f) => f.error instanceof AttemptError && f.error.offline);
  const checksum = failures.some((f) => f.error instanceof ChecksumError);
  const reason = offline ? 'offline' : checksum ? 'checksum' : 'failed';
  const what = offline ? 'no network connection (no URL could be reached)' : 'every URL failed';
  const lines = [
    `could not download ${basename(dest)}: ${what}. Tried:`,
    ...failures.map((f) => `  ${f.url}: ${f.error.message}`),
    `To install it by hand, fetch ${urls.join(' or ')} on a machine with internet access ` +
      `and place it at:\n  ${dest}`,
  ];
  if (hint) lines.push(hint);
  return new DownloadError(lines.join('\n'), reason, urls, dest);
}

/** Hash a file's bytes, streaming (the archives are hundreds of MB). */
export async function hashFile(path: string, algorithm: Checksum['algorithm']): Promise<string> {
  const hash = createHash(algorithm);
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Hash bytes already in memory. */
export function hashBytes(bytes: Uint8Array, algorithm: Checksum['algorithm']): string {
  return createHash(algorithm).update(bytes).digest('hex');
}

async function fileSize(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch {
    return undefined;
  }
}

/** Make the rename durable; best effort (some file systems cannot fsync a directory). */
async function fsyncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // Not fatal: the data itself was fsynced before the rename.
  }
}
