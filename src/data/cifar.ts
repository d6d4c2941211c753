/**
 * The binary formats of CIFAR-10 and CIFAR-100 (Krizhevsky 2009,
 * https://www.cs.toronto.edu/~kriz/cifar.html), parsed into NHWC.
 *
 * A file is a plain sequence of fixed-size records:
 *
 *     CIFAR-10:   <label: 1 byte 0..9> <3072 pixel bytes>
 *     CIFAR-100:  <coarse label: 1 byte 0..19> <fine label: 1 byte 0..99> <3072 pixel bytes>
 *
 * The 3072 pixel bytes are three 32x32 planes, red then green then blue, each row-major
 * (i.e. CHW). TensorFlow.js convolutions want NHWC, so the parsers transpose here, once.
 *
 * Pure: input is the file's bytes, output fresh arrays.
 */

/** Height and width of a CIFAR image. */
export const CIFAR_SIDE = 32;
/** Pixel bytes in one record: 3 planes of 32x32. */
export const CIFAR_PIXELS = 3 * CIFAR_SIDE * CIFAR_SIDE;
/** Bytes in one CIFAR-10 record (label + pixels). */
export const CIFAR10_RECORD_BYTES = 1 + CIFAR_PIXELS;
/** Bytes in one CIFAR-100 record (coarse label + fine label + pixels). */
export const CIFAR100_RECORD_BYTES = 2 + CIFAR_PIXELS;

/** CIFAR-10 records: `images` is [n, 32, 32, 3] uint8 NHWC, `labels` is [n] in 0..9. */
export interface Cifar10Batch {
  n: number;
  images: Uint8Array;
  labels: Uint8Array;
}

/** CIFAR-100 records: `images` is [n, 32, 32, 3] uint8 NHWC; fine labels 0..99, coarse 0..19. */
export interface Cifar100Batch {
  n: number;
  images: Uint8Array;
  fineLabels: Uint8Array;
  coarseLabels: Uint8Array;
}

/**
 * Parse a CIFAR-10 binary batch (e.g. `data_batch_1.bin`, `test_batch.bin`).
 * @param bytes the file's contents, a multiple of 3073 bytes
 * @param what a name for error messages
 * @throws when the length is not a multiple of the record size or a label is above 9
 */
export function parseCifar10(bytes: Uint8Array, what = 'CIFAR-10 data'): Cifar10Batch {
  const n = recordCount(bytes, CIFAR10_RECORD_BYTES, what, 'CIFAR-10 (1 label byte + 3072 pixels)');
  const images = new Uint8Array(n * CIFAR_PIXELS);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const at = i * CIFAR10_RECORD_BYTES;
    labels[i] = checkLabel(bytes[at]!, 9, 'label', i, what);
    planesToNhwc(bytes, at + 1, images, i * CIFAR_PIXELS);
  }
  return { n, images, labels };
}

/**
 * Parse a CIFAR-100 binary file (`train.bin`, `test.bin`).
 * @param bytes the file's contents, a multiple of 3074 bytes
 * @param what a name for error messages
 * @throws when the length is not a multiple of the record size or a label is out of range
 */
export function parseCifar100(bytes: Uint8Array, what = 'CIFAR-100 data'): Cifar100Batch {
  const n = recordCount(bytes, CIFAR100_RECORD_BYTES, what, 'CIFAR-100 (coarse + fine label bytes + 3072 pixels)');
  const images = new Uint8Array(n * CIFAR_PIXELS);
  const fineLabels = new Uint8Array(n);
  const coarseLabels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const at = i * CIFAR100_RECORD_BYTES;
    coarseLabels[i] = checkLabel(bytes[at]!, 19, 'coarse label', i, what);
    fineLabels[i] = checkLabel(bytes[at + 1]!, 99, 'fine label', i, what);
    planesToNhwc(bytes, at + 2, images, i * CIFAR_PIXELS);
  }
  return { n, images, fineLabels, coarseLabels };
}

/**
 * Parse a label-names file (`batches.meta.txt`, `fine_label_names.txt`, ...): one name a
 * line; blank lines (the files end with some) are dropped.
 */
export function parseLabelNames(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Concatenate CIFAR-10 batches (the five training files make one 50000-image set). */
export function concatCifar10(batches: readonly Cifar10Batch[]): Cifar10Batch {
  return {
    n: batches.reduce((a, b) => a + b.n, 0),
    images: concatBytes(batches.map((b) => b.images)),
    labels: concatBytes(batches.map((b) => b.labels)),
  };
}

function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function recordCount(bytes: Uint8Array, recordBytes: number, what: string, format: string): number {
  if (bytes.length % recordBytes !== 0) {
    throw new Error(
      `${what}: length ${bytes.length} is not a multiple of the ${recordBytes}-byte ${format} record ` +
        `(${Math.floor(bytes.length / recordBytes)} whole records + ${bytes.length % recordBytes} bytes); ` +
        'the file is truncated, or it is the other CIFAR variant',
    );
  }
  return bytes.length / recordBytes;
}

function checkLabel(label: number, max: number, kind: string, i: number, what: string): number {
  // A cheap guard against parsing CIFAR-100 as CIFAR-10 (or vice versa) when the length
  // happens to fit both record sizes.
  if (label > max) throw new Error(`${what}: record ${i} has ${kind} ${label}, above the maximum ${max}; wrong CIFAR variant?`);
  return label;
}

/** Copy one record's R, G, B planes (CHW) into an HWC image at `dst[dstAt..]`. */
function planesToNhwc(src: Uint8Array, srcAt: number, dst: Uint8Array, dstAt: number): void {
  const plane = CIFAR_SIDE * CIFAR_SIDE;
  for (let p = 0; p < plane; p++) {
    const o = dstAt + 3 * p;
    dst[o] = src[srcAt + p]!;
    dst[o + 1] = src[srcAt + plane + p]!;
    dst[o + 2] = src[srcAt + 2 * plane + p]!;
  }
}
