import { describe, expect, it } from 'vitest';
import { bitTargets, bitTask, paperHiddenUnits, PAPER_EXTRA_LENGTH } from '../../src/data/bits.js';

// d = 2. a(t) = x(t-2), b(t) = x(t) for t = 2..7:
//   a      = 1 1 1 0 1 0
//   b      = 1 0 1 0 0 0
//   carry  = 0 1 1 1 0 0   (carry into each step)
//   a+b    = 0 0 1 1 1 0   (LSB first: 23 + 5 = 28)
const BITS = [1, 1, 1, 0, 1, 0, 0, 0];

function lsbFirst(bits: ArrayLike<number>, from: number, to: number): bigint {
  let v = 0n;
  for (let t = to - 1; t >= from; t--) v = v * 2n + BigInt(bits[t]);
  return v;
}

describe('bitTargets (hand-checked)', () => {
  it('recall: y(t) = x(t-d), 0 before d', () => {
    expect(Array.from(bitTargets('recall', 2, BITS))).toEqual([0, 0, 1, 1, 1, 0, 1, 0]);
  });
  it('xor: y(t) = x(t-d) xor x(t)', () => {
    expect(Array.from(bitTargets('xor', 2, BITS))).toEqual([0, 0, 0, 1, 0, 0, 1, 0]);
  });
  it('adder: serial sum, LSB first, carry kept', () => {
    expect(Array.from(bitTargets('adder', 2, BITS))).toEqual([0, 0, 0, 0, 1, 1, 1, 0]);
    // d = 1, all ones: a = b = 1 at every step: 1+1 = 0 carry 1, then 1+1+1 = 1 carry 1 ...
    expect(Array.from(bitTargets('adder', 1, [1, 1, 1, 1]))).toEqual([0, 0, 1, 1]);
  });
  it('adder equals (A + B) mod 2^(L-d) on random streams', () => {
    const data = bitTask({ task: 'adder', delay: 5, length: 60, count: 20, seed: 9 });
    for (let n = 0; n < data.count; n++) {
      const x = data.x.subarray(n * 60, (n + 1) * 60);
      const y = data.y.subarray(n * 60, (n + 1) * 60);
      const a = lsbFirst(x, 0, 55);
      const b = lsbFirst(x, 5, 60);
      expect(lsbFirst(y, 5, 60)).toBe((a + b) % 2n ** 55n);
    }
  });
});

describe('bitTask', () => {
  it('has the documented shapes, 0/1 inputs, labels from bitTargets, and the mask t >= d', () => {
    for (const task of ['recall', 'xor', 'adder'] as const) {
      const d = 4;
      const data = bitTask({ task, delay: d, count: 3, seed: 1 });
      const L = d + PAPER_EXTRA_LENGTH;
      expect(data.length).toBe(L);
      expect(data.x).toBeInstanceOf(Float32Array);
      expect(data.y).toBeInstanceOf(Int32Array);
      expect(data.mask).toBeInstanceOf(Float32Array);
      expect(data.x.length).toBe(3 * L);
      expect(data.y.length).toBe(3 * L);
      expect(data.mask.length).toBe(3 * L);
      expect(data.x.every((v) => v === 0 || v === 1)).toBe(true);
      for (let n = 0; n < 3; n++) {
        const row = data.x.subarray(n * L, (n + 1) * L);
        expect(data.y.subarray(n * L, (n + 1) * L)).toEqual(bitTargets(task, d, row));
        const mask = Array.from(data.mask.subarray(n * L, (n + 1) * L));
        expect(mask).toEqual(Array.from({ length: L }, (_, t) => (t >= d ? 1 : 0)));
        expect(Array.from(data.y.subarray(n * L, n * L + d))).toEqual([0, 0, 0, 0]);
      }
    }
  });

  it('is deterministic by seed, and different seeds differ', () => {
    const opts = { task: 'xor', delay: 10, count: 8, seed: 5 } as const;
    const a = bitTask(opts);
    const b = bitTask(opts);
    expect(a.x).toEqual(b.x);
    expect(a.y).toEqual(b.y);
    expect(bitTask({ ...opts, seed: 6 }).x).not.toEqual(a.x);
  });

  it('draws fair bits', () => {
    const { x } = bitTask({ task: 'recall', delay: 1, length: 1000, count: 50, seed: 2 });
    const mean = x.reduce((s, v) => s + v, 0) / x.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
  });

  it('honours an explicit length and rejects bad options', () => {
    expect(bitTask({ task: 'recall', delay: 3, length: 4, count: 1, seed: 0 }).x.length).toBe(4);
    expect(() => bitTask({ task: 'recall', delay: 3, length: 3, count: 1, seed: 0 })).toThrow(/greater than the delay/);
    expect(() => bitTask({ task: 'recall', delay: 0, count: 1, seed: 0 })).toThrow(/positive integer/);
    expect(() => bitTask({ task: 'recall', delay: 2, count: 0, seed: 0 })).toThrow(/count/);
    expect(() => bitTask({ task: 'sum' as never, delay: 2, count: 1, seed: 0 })).toThrow(/recall, xor, adder/);
  });

  it("gives the paper's hidden units: d+3 (recall), d+5 (xor, adder)", () => {
    expect(paperHiddenUnits('recall', 90)).toBe(93);
    expect(paperHiddenUnits('xor', 10)).toBe(15);
    expect(paperHiddenUnits('adder', 40)).toBe(45);
  });
});
