import { describe, expect, it } from 'vitest';
import { OOV_ID, PAD_ID, Tokenizer, tokenize } from '../../src/data/tokenizer.js';

describe('tokenize', () => {
  it('lower-cases and splits on anything but letters, digits and apostrophes', () => {
    expect(tokenize('Hello, World! It was 10/10 -- great.')).toEqual(['hello', 'world', 'it', 'was', '10', '10', 'great']);
    expect(tokenize("Don't stop; it's the film's end")).toEqual(["don't", 'stop', "it's", 'the', "film's", 'end']);
  });
  it('strips HTML line breaks and apostrophes around words', () => {
    expect(tokenize('one<br />two<br/>three<BR>four')).toEqual(['one', 'two', 'three', 'four']);
    expect(tokenize("'quoted' words '' ''")).toEqual(['quoted', 'words']);
  });
  it('keeps non-ASCII letters', () => {
    expect(tokenize('Café NAÏVE über')).toEqual(['café', 'naïve', 'über']);
  });
  it('gives no words for empty or punctuation-only text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' ... !! <br /> ')).toEqual([]);
  });
});

describe('Tokenizer.fit', () => {
  const texts = ['b a c a', 'A b d', 'e c a'];
  // counts: a 4, b 2, c 2, d 1, e 1

  it('ranks by frequency, ties alphabetically, ids from 2', () => {
    const tok = Tokenizer.fit(texts, { vocabSize: 10 });
    expect(tok.words).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(tok.ids('a b c d e')).toEqual([2, 3, 4, 5, 6]);
    expect(tok.size).toBe(7);
  });
  it('keeps only the top vocabSize words; the rest are out-of-vocabulary (id 1)', () => {
    const tok = Tokenizer.fit(texts, { vocabSize: 2 });
    expect(tok.words).toEqual(['a', 'b']);
    expect(tok.ids('c a zebra b')).toEqual([OOV_ID, 2, OOV_ID, 3]);
    expect(tok.size).toBe(4);
  });
  it('does not depend on the order of the texts', () => {
    expect(Tokenizer.fit([...texts].reverse(), { vocabSize: 4 }).words).toEqual(
      Tokenizer.fit(texts, { vocabSize: 4 }).words,
    );
  });
  it('drops rare words with minCount', () => {
    expect(Tokenizer.fit(texts, { vocabSize: 10, minCount: 2 }).words).toEqual(['a', 'b', 'c']);
  });
  it('rejects a bad vocabSize', () => {
    expect(() => Tokenizer.fit(texts, { vocabSize: 0 })).toThrow(/vocabSize/);
  });
});

describe('Tokenizer.encode', () => {
  const tok = Tokenizer.fit(['one two three four five'], { vocabSize: 5 });
  // ids: five 2, four 3, one 4, three 5, two 6 (all count 1, so alphabetical)

  it('pads at the front by default (Keras pad_sequences)', () => {
    expect(Array.from(tok.encode(['one two'], { maxLength: 4 }))).toEqual([PAD_ID, PAD_ID, 4, 6]);
  });
  it("pads at the end with padding: 'post'", () => {
    expect(Array.from(tok.encode(['one two'], { maxLength: 4, padding: 'post' }))).toEqual([4, 6, 0, 0]);
  });
  it('truncates at the front by default, keeping the last words', () => {
    expect(Array.from(tok.encode(['one two three four five'], { maxLength: 2 }))).toEqual([3, 2]);
  });
  it("keeps the first words with truncating: 'post'", () => {
    expect(Array.from(tok.encode(['one two three four five'], { maxLength: 2, truncating: 'post' }))).toEqual([4, 6]);
  });
  it('encodes unknown words as OOV and an empty document as all padding', () => {
    const m = tok.encode(['six one', '', '?!'], { maxLength: 3 });
    expect(m).toBeInstanceOf(Int32Array);
    expect(Array.from(m)).toEqual([0, OOV_ID, 4, 0, 0, 0, 0, 0, 0]);
  });
  it('rejects bad options', () => {
    expect(() => tok.encode(['a'], { maxLength: 0 })).toThrow(/maxLength/);
    expect(() => tok.encode(['a'], { maxLength: 2, padding: 'middle' as never })).toThrow(/'pre' or 'post'/);
  });
  it('decodes ids back to words', () => {
    expect(tok.decode([0, 0, 1, 4, 6])).toEqual(['<oov>', 'one', 'two']);
  });
});

describe('Tokenizer JSON', () => {
  it('round-trips through JSON text and encodes identically', () => {
    const tok = Tokenizer.fit(['the cat sat on the mat', 'the dog'], { vocabSize: 4 });
    const back = Tokenizer.fromJSON(JSON.parse(JSON.stringify(tok)));
    expect(back.words).toEqual(tok.words);
    const docs = ['the cat and the dog', 'mat'];
    expect(back.encode(docs, { maxLength: 6 })).toEqual(tok.encode(docs, { maxLength: 6 }));
  });
  it('rejects something that is not a saved tokenizer', () => {
    expect(() => Tokenizer.fromJSON({ words: ['a'] })).toThrow(/not a saved tokenizer/);
    expect(() => Tokenizer.fromJSON(null)).toThrow(/not a saved tokenizer/);
    expect(() =>
      Tokenizer.fromJSON({ format: 'targetspace-tokenizer', version: 1, words: ['a', 'a'] }),
    ).toThrow(/duplicate/);
  });
});
