/**
 * Minibatch helpers for data held as flat row-major typed arrays of shape [n, ...]
 * (bit streams [n, length, 1], encoded texts [n, maxLength], labels [n], masks ...).
 * Pure data code: the caller turns the rows into tensors.
 */
import type { Rng } from '../util/rng.js';

/** The typed arrays a data set may use. */
export type NumericArray =
  | Float32Array
  | Float64Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray;

/**
 * Gather rows of a flat [n, ...] array: row i occupies [i * rowSize, (i + 1) * rowSize).
 * Returns a new array of the same type, shape [indices.length, ...], rows in index order
 * (repeats allowed).
 *
 * @param rowSize elements per row, the product of the trailing dimensions (1 for labels).
 */
export function takeRows<T extends NumericArray>(array: T, rowSize: number, indices: ArrayLike<number>): T {
  if (!Number.isInteger(rowSize) || rowSize < 1) {
    throw new Error(`takeRows: rowSize must be a positive integer, got ${rowSize}.`);
  }
  if (array.length % rowSize !== 0) {
    throw new Error(
      `takeRows: array length ${array.length} is not a multiple of rowSize ${rowSize}; pass the product of the trailing dimensions.`,
    );
  }
  const rows = array.length / rowSize;
  const Ctor = array.constructor as new (length: number) => T;
  const out = new Ctor(indices.length * rowSize);
  for (let i = 0; i < indices.length; i++) {
    const r = indices[i];
    if (!Number.isInteger(r) || r < 0 || r >= rows) {
      throw new Error(`takeRows: index ${r} at position ${i} is out of range for ${rows} rows.`);
    }
    // set/subarray copy a whole row natively instead of element by element.
    (out as Float64Array).set((array as Float64Array).subarray(r * rowSize, (r + 1) * rowSize), i * rowSize);
  }
  return out;
}

/** Pick items of a plain array (e.g. raw texts) by an index list. */
export function takeItems<T>(items: readonly T[], indices: ArrayLike<number>): T[] {
  const out = new Array<T>(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const r = indices[i];
    if (!Number.isInteger(r) || r < 0 || r >= items.length) {
      throw new Error(`takeItems: index ${r} at position ${i} is out of range for ${items.length} items.`);
    }
    out[i] = items[r];
  }
  return out;
}

/**
 * Index lists of one epoch: a seeded permutation of 0..n-1 cut into batches of
 * `batchSize`. The last, shorter batch is kept unless `dropRemainder` (handy when a
 * graph wants a fixed batch size).
 */
export function epochBatches(n: number, batchSize: number, rng: Rng, dropRemainder = false): Int32Array[] {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new Error(`epochBatches: batchSize must be a positive integer, got ${batchSize}.`);
  }
  const order = rng.permutation(n);
  const batches: Int32Array[] = [];
  for (let start = 0; start < n; start += batchSize) {
    const end = Math.min(start + batchSize, n);
    if (end - start < batchSize && dropRemainder) break;
    batches.push(order.subarray(start, end));
  }
  return batches;
}
