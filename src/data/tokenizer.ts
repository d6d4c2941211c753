/**
 * Word-level tokenizer for the paper's text experiment (E4, IMDB sentiment with an
 * embedding -> tanh RNN; vocabulary 500-5000, length 50-500). It mirrors what the
 * reference script got from Keras (word index by frequency, `pad_sequences` with its
 * 'pre' defaults) but is deterministic and self-contained so it can be saved with a
 * model and reused in the browser.
 *
 * Rules:
 * - text is lower-cased; HTML line breaks (`<br />`, common in IMDB reviews) become spaces;
 * - a word is a maximal run of Unicode letters, digits and apostrophes, with leading and
 *   trailing apostrophes removed (so 'quoted' and quoted are one word, don't stays whole);
 * - the vocabulary is the `vocabSize` most frequent words (total occurrences over all
 *   texts), ties broken by code-unit order of the word, so it never depends on locale
 *   or insertion order;
 * - ids: 0 = padding, 1 = out-of-vocabulary, 2.. = the vocabulary in that order.
 *   An embedding therefore needs `tokenizer.size` = vocabulary length + 2 rows.
 */

export const PAD_ID = 0;
export const OOV_ID = 1;
/** Id of the most frequent vocabulary word; the rest follow in order. */
export const FIRST_WORD_ID = 2;

export interface TokenizerFitOptions {
  /** Number of words kept (the reserved ids 0 and 1 are not counted). */
  vocabSize: number;
  /** Words seen fewer times than this are left out even if there is room; default 1. */
  minCount?: number;
}

export type Side = 'pre' | 'post';

export interface EncodeOptions {
  /** Every row gets exactly this many ids. */
  maxLength: number;
  /** Where padding goes in short documents; default 'pre' (Keras pad_sequences, as in the paper). */
  padding?: Side;
  /**
   * Which end is cut from long documents; default 'pre' (Keras default, as in the
   * paper): the first words are dropped and the last maxLength kept, so the RNN's
   * final state sits right after the end of the text.
   */
  truncating?: Side;
}

/** Saved form of a tokenizer (`toJSON`), versioned so old model files stay readable. */
export interface TokenizerJSON {
  format: 'targetspace-tokenizer';
  version: 1;
  /** Vocabulary in id order: words[i] has id i + 2. */
  words: string[];
}

const BR_TAG = /<br\s*\/?>/gi;
const NON_WORD = /[^\p{L}\p{N}']+/u;

/** Split a text into lower-case words by the rules in the module doc. */
export function tokenize(text: string): string[] {
  const words: string[] = [];
  for (const piece of text.toLowerCase().replace(BR_TAG, ' ').split(NON_WORD)) {
    const word = trimApostrophes(piece);
    if (word.length > 0) words.push(word);
  }
  return words;
}

function trimApostrophes(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s[start] === "'") start++;
  while (end > start && s[end - 1] === "'") end--;
  return s.slice(start, end);
}

export class Tokenizer {
  /** Vocabulary in id order (words[i] has id i + 2). */
  readonly words: readonly string[];
  private readonly index: Map<string, number>;

  private constructor(words: readonly string[]) {
    this.words = words;
    this.index = new Map(words.map((w, i) => [w, i + FIRST_WORD_ID]));
  }

  /** Count words over `texts` and keep the most frequent (see module doc for ties). */
  static fit(texts: readonly string[], options: TokenizerFitOptions): Tokenizer {
    const { vocabSize, minCount = 1 } = options;
    if (!Number.isInteger(vocabSize) || vocabSize < 1) {
      throw new Error(`Tokenizer.fit: vocabSize must be a positive integer, got ${vocabSize}.`);
    }
    if (!Number.isInteger(minCount) || minCount < 1) {
      throw new Error(`Tokenizer.fit: minCount must be a positive integer, got ${minCount}.`);
    }
    const counts = new Map<string, number>();
    for (const text of texts) {
      for (const w of tokenize(text)) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    const ranked = [...counts].filter(([, c]) => c >= minCount);
    ranked.sort(([wa, ca], [wb, cb]) => cb - ca || (wa < wb ? -1 : wa > wb ? 1 : 0));
    return new Tokenizer(ranked.slice(0, vocabSize).map(([w]) => w));
  }

  /** Number of distinct ids, padding and out-of-vocabulary included: the embedding's input size. */
  get size(): number {
    return this.words.length + FIRST_WORD_ID;
  }

  /** Ids of one text, unpadded. */
  ids(text: string): number[] {
    return tokenize(text).map((w) => this.index.get(w) ?? OOV_ID);
  }

  /**
   * Encode texts as a padded/truncated id matrix, shape [texts.length, maxLength]
   * (row-major). An empty document (no words) becomes a row of padding ids.
   */
  encode(texts: readonly string[], options: EncodeOptions): Int32Array {
    const { maxLength, padding = 'pre', truncating = 'pre' } = options;
    if (!Number.isInteger(maxLength) || maxLength < 1) {
      throw new Error(`Tokenizer.encode: maxLength must be a positive integer, got ${maxLength}.`);
    }
    checkSide('padding', padding);
    checkSide('truncating', truncating);
    const out = new Int32Array(texts.length * maxLength); // zero-filled = PAD_ID
    texts.forEach((text, row) => {
      let ids = this.ids(text);
      if (ids.length > maxLength) {
        ids = truncating === 'pre' ? ids.slice(ids.length - maxLength) : ids.slice(0, maxLength);
      }
      const offset = padding === 'pre' ? maxLength - ids.length : 0;
      out.set(ids, row * maxLength + offset);
    });
    return out;
  }

  /** Words of an id sequence, for inspection; padding is skipped, OOV shown as `<oov>`. */
  decode(ids: ArrayLike<number>): string[] {
    const words: string[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (id === PAD_ID) continue;
      words.push(id === OOV_ID ? '<oov>' : (this.words[id - FIRST_WORD_ID] ?? '<oov>'));
    }
    return words;
  }

  toJSON(): TokenizerJSON {
    return { format: 'targetspace-tokenizer', version: 1, words: [...this.words] };
  }

  static fromJSON(json: unknown): Tokenizer {
    const j = json as Partial<TokenizerJSON> | null;
    if (
      j === null ||
      typeof j !== 'object' ||
      j.format !== 'targetspace-tokenizer' ||
      j.version !== 1 ||
      !Array.isArray(j.words) ||
      !j.words.every((w) => typeof w === 'string')
    ) {
      throw new Error(
        'Tokenizer.fromJSON: not a saved tokenizer (expected {format: "targetspace-tokenizer", version: 1, words: string[]}, as written by toJSON()).',
      );
    }
    if (new Set(j.words).size !== j.words.length) {
      throw new Error('Tokenizer.fromJSON: the saved vocabulary has duplicate words; the file is corrupt.');
    }
    return new Tokenizer(j.words);
  }
}

function checkSide(name: string, side: string): void {
  if (side !== 'pre' && side !== 'post') {
    throw new Error(`Tokenizer.encode: ${name} must be 'pre' or 'post', got '${side}'.`);
  }
}
