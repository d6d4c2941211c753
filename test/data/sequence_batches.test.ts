import { describe, expect, it } from 'vitest';
import { epochBatches, takeItems, takeRows } from '../../src/data/sequence_batches.js';
import { Rng } from '../../src/util/rng.js';

describe('takeRows', () => {
  it('gathers rows in index order, repeats allowed, keeping the array type', () => {
    const a = Float32Array.from([0, 1, 10, 11, 20, 21]); // [3, 2]
    const out = takeRows(a, 2, [2, 0, 2]);
    expect(out).toBeInstanceOf(Float32Array);
    expect(Array.from(out)).toEqual([20, 21, 0, 1, 20, 21]);
    const labels = Int32Array.from([5, 6, 7]);
    const l = takeRows(labels, 1, Int32Array.from([1, 2]));
    expect(l).toBeInstanceOf(Int32Array);
    expect(Array.from(l)).toEqual([6, 7]);
    expect(takeRows(labels, 1, []).length).toBe(0);
  });
  it('names the problem for bad shapes and indices', () => {
    const a = new Float32Array(6);
    expect(() => takeRows(a, 4, [0])).toThrow(/not a multiple of rowSize 4/);
    expect(() => takeRows(a, 2, [3])).toThrow(/index 3 at position 0 is out of range for 3 rows/);
    expect(() => takeRows(a, 0, [0])).toThrow(/rowSize/);
  });
});

describe('takeItems', () => {
  it('picks items of a plain array', () => {
    expect(takeItems(['a', 'b', 'c'], [2, 0])).toEqual(['c', 'a']);
    expect(() => takeItems(['a'], [1])).toThrow(/out of range/);
  });
});

describe('epochBatches', () => {
  it('covers every index once, in seeded order, in batches of batchSize', () => {
    const batches = epochBatches(10, 4, new Rng(1));
    expect(batches.map((b) => b.length)).toEqual([4, 4, 2]);
    const all = batches.flatMap((b) => Array.from(b)).sort((x, y) => x - y);
    expect(all).toEqual(Array.from({ length: 10 }, (_, i) => i));
    expect(epochBatches(10, 4, new Rng(1))).toEqual(batches);
  });
  it('drops the short last batch on request', () => {
    expect(epochBatches(10, 4, new Rng(1), true).map((b) => b.length)).toEqual([4, 4]);
  });
});
