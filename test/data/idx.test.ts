import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeIdx, isGzip, parseIdx, parseIdxImages, parseIdxLabels, parseIdxPair } from '../../src/data/idx.js';

const images = Uint8Array.from({ length: 3 * 4 * 5 }, (_, i) => (i * 7) % 256);
const labels = Uint8Array.from([2, 0, 9]);

describe('IDX', () => {
  it('writes the documented header: magic 0x803, big-endian dims', () => {
    const bytes = encodeIdx([3, 4, 5], images);
    expect([...bytes.subarray(0, 16)]).toEqual([0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 5]);
    expect([...encodeIdx([3], labels).subarray(0, 8)]).toEqual([0, 0, 8, 1, 0, 0, 0, 3]);
  });

  it('round trips images and labels', () => {
    const im = parseIdxImages(encodeIdx([3, 4, 5], images));
    expect([im.n, im.rows, im.cols]).toEqual([3, 4, 5]);
    expect(im.data).toEqual(images);
    const lb = parseIdxLabels(encodeIdx([3], labels));
    expect(lb.n).toBe(3);
    expect(lb.data).toEqual(labels);
  });

  it('reads a view with a non-zero byteOffset (as Node Buffers often are)', () => {
    const raw = encodeIdx([3], labels);
    const padded = new Uint8Array(raw.length + 5);
    padded.set(raw, 5);
    expect(parseIdxLabels(padded.subarray(5)).data).toEqual(labels);
  });

  it('recognises gzip by its magic and refuses to parse it', () => {
    const gz = gzipSync(encodeIdx([3], labels));
    expect(isGzip(gz)).toBe(true);
    expect(isGzip(encodeIdx([3], labels))).toBe(false);
    expect(() => parseIdx(gz, 'x.gz')).toThrow(/x\.gz: input is gzip-compressed.*gunzip/);
  });

  it('rejects a bad magic, naming it', () => {
    const bytes = encodeIdx([3], labels);
    bytes[2] = 0x0d; // float32 element type
    expect(() => parseIdx(bytes, 'labels.idx')).toThrow(/labels\.idx: bad magic 0x00000d01; expected a uint8 IDX file/);
    expect(() => parseIdx(new TextEncoder().encode('<html>not found</html>'))).toThrow(/bad magic/);
  });

  it('rejects truncated headers and data', () => {
    const bytes = encodeIdx([3, 4, 5], images);
    expect(() => parseIdx(bytes.subarray(0, 2))).toThrow(/truncated: 2 bytes/);
    expect(() => parseIdx(bytes.subarray(0, 10))).toThrow(/truncated header/);
    expect(() => parseIdxImages(bytes.subarray(0, bytes.length - 1), 'im')).toThrow(
      /im: truncated: header says \[3, 4, 5\] = 60 bytes of data but only 59 follow/,
    );
    const long = new Uint8Array(bytes.length + 2);
    long.set(bytes);
    expect(() => parseIdx(long)).toThrow(/2 unexpected trailing bytes/);
  });

  it('rejects labels given as images and vice versa', () => {
    expect(() => parseIdxImages(encodeIdx([3], labels))).toThrow(/expected an image file/);
    expect(() => parseIdxLabels(encodeIdx([3, 4, 5], images))).toThrow(/expected a label file/);
  });

  it('checks that images and labels hold the same count', () => {
    const pair = parseIdxPair(encodeIdx([3, 4, 5], images), encodeIdx([3], labels));
    expect(pair.labels.n).toBe(pair.images.n);
    expect(() =>
      parseIdxPair(encodeIdx([3, 4, 5], images), encodeIdx([2], labels.subarray(0, 2)), { images: 'a', labels: 'b' }),
    ).toThrow(/count mismatch: a holds 3 images but b holds 2 labels/);
  });
});
