/**
 * The IDX file format of MNIST and Fashion-MNIST (LeCun et al., http://yann.lecun.com/exdb/mnist/).
 *
 * Layout, all integers big-endian:
 *
 *     bytes 0-1   0x00 0x00
 *     byte  2     element type (0x08 = unsigned byte, the only type these data sets use)
 *     byte  3     number of dimensions d
 *     4 d bytes   the size of each dimension, uint32
 *     then        the elements, row-major
 *
 * So images have magic 0x00000803 and shape [n, rows, cols]; labels have magic
 * 0x00000801 and shape [n]. The parsers here are pure: they take the raw (already
 * decompressed) bytes; gunzipping is the Node edge's job (`src/node/`), which uses
 * {@link isGzip} to accept both `.gz` and raw files.
 *
 * Parsed element arrays are views into the input (no copy).
 */

/** Element type code for unsigned bytes. */
const UBYTE = 0x08;

/** Magic number of an IDX file of uint8 images [n, rows, cols]. */
export const IDX_IMAGES_MAGIC = 0x00000803;
/** Magic number of an IDX file of uint8 labels [n]. */
export const IDX_LABELS_MAGIC = 0x00000801;

/** A parsed uint8 IDX tensor: `data` holds prod(dims) elements, row-major. */
export interface IdxTensor {
  dims: number[];
  data: Uint8Array;
}

/** Images from an IDX file: `data` is [n, rows, cols] uint8, row-major. */
export interface IdxImages {
  n: number;
  rows: number;
  cols: number;
  data: Uint8Array;
}

/** Labels from an IDX file: `data` is [n] uint8. */
export interface IdxLabels {
  n: number;
  data: Uint8Array;
}

/** True when `bytes` start with the gzip magic 1f 8b (so they must be gunzipped first). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Parse any uint8 IDX file.
 * @param bytes the raw (not gzipped) file contents
 * @param what a name for error messages, e.g. the file name
 * @throws when the input is gzipped, the magic is not a uint8 IDX magic, or the data
 *   is shorter or longer than the header says
 */
export function parseIdx(bytes: Uint8Array, what = 'IDX data'): IdxTensor {
  if (isGzip(bytes)) {
    throw new Error(`${what}: input is gzip-compressed (starts with 1f 8b); gunzip it before parsing`);
  }
  if (bytes.length < 4) {
    throw new Error(`${what}: truncated: ${bytes.length} bytes, an IDX header needs at least 4`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  if (bytes[0] !== 0 || bytes[1] !== 0 || bytes[2] !== UBYTE || bytes[3] === 0) {
    throw new Error(
      `${what}: bad magic 0x${hex8(magic)}; expected a uint8 IDX file ` +
        `(0x${hex8(IDX_IMAGES_MAGIC)} images or 0x${hex8(IDX_LABELS_MAGIC)} labels). ` +
        'Is this the right file, and was it fully downloaded?',
    );
  }
  const ndims = bytes[3]!;
  const headerBytes = 4 + 4 * ndims;
  if (bytes.length < headerBytes) {
    throw new Error(`${what}: truncated header: ${bytes.length} bytes, ${ndims} dimensions need ${headerBytes}`);
  }
  const dims: number[] = [];
  for (let i = 0; i < ndims; i++) dims.push(view.getUint32(4 + 4 * i, false));
  const count = dims.reduce((a, b) => a * b, 1);
  const available = bytes.length - headerBytes;
  if (available < count) {
    throw new Error(
      `${what}: truncated: header says [${dims.join(', ')}] = ${count} bytes of data but only ` +
        `${available} follow; the file is incomplete, delete it and download it again`,
    );
  }
  if (available > count) {
    throw new Error(
      `${what}: ${available - count} unexpected trailing bytes after [${dims.join(', ')}] = ${count} bytes of data`,
    );
  }
  return { dims, data: bytes.subarray(headerBytes, headerBytes + count) };
}

/** Parse an IDX image file (magic 0x00000803) into [n, rows, cols] uint8. */
export function parseIdxImages(bytes: Uint8Array, what = 'IDX images'): IdxImages {
  const t = parseIdx(bytes, what);
  if (t.dims.length !== 3) {
    throw new Error(
      `${what}: expected an image file (magic 0x${hex8(IDX_IMAGES_MAGIC)}, 3 dims), got ${t.dims.length} dims; ` +
        'labels and images swapped?',
    );
  }
  const [n, rows, cols] = t.dims as [number, number, number];
  return { n, rows, cols, data: t.data };
}

/** Parse an IDX label file (magic 0x00000801) into [n] uint8. */
export function parseIdxLabels(bytes: Uint8Array, what = 'IDX labels'): IdxLabels {
  const t = parseIdx(bytes, what);
  if (t.dims.length !== 1) {
    throw new Error(
      `${what}: expected a label file (magic 0x${hex8(IDX_LABELS_MAGIC)}, 1 dim), got ${t.dims.length} dims; ` +
        'labels and images swapped?',
    );
  }
  return { n: t.dims[0]!, data: t.data };
}

/**
 * Parse an image file and its label file together, checking they hold the same count.
 * @throws when the counts differ (e.g. a train image file paired with test labels)
 */
export function parseIdxPair(
  imageBytes: Uint8Array,
  labelBytes: Uint8Array,
  names: { images?: string; labels?: string } = {},
): { images: IdxImages; labels: IdxLabels } {
  const images = parseIdxImages(imageBytes, names.images);
  const labels = parseIdxLabels(labelBytes, names.labels);
  if (images.n !== labels.n) {
    throw new Error(
      `count mismatch: ${names.images ?? 'images'} holds ${images.n} images but ` +
        `${names.labels ?? 'labels'} holds ${labels.n} labels; are they from the same split?`,
    );
  }
  return { images, labels };
}

/**
 * Write a uint8 IDX file (the inverse of {@link parseIdx}); used for fixtures and round trips.
 * @param dims e.g. [n, rows, cols] for images or [n] for labels
 * @param data prod(dims) bytes, row-major
 */
export function encodeIdx(dims: readonly number[], data: Uint8Array): Uint8Array {
  const count = dims.reduce((a, b) => a * b, 1);
  if (data.length !== count) {
    throw new Error(`encodeIdx: dims [${dims.join(', ')}] need ${count} bytes, got ${data.length}`);
  }
  if (dims.length < 1 || dims.length > 255) throw new Error(`encodeIdx: ${dims.length} dims; IDX allows 1..255`);
  const out = new Uint8Array(4 + 4 * dims.length + count);
  const view = new DataView(out.buffer);
  view.setUint32(0, (UBYTE << 8) | dims.length, false);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(data, 4 + 4 * dims.length);
  return out;
}

function hex8(x: number): string {
  return x.toString(16).padStart(8, '0');
}
