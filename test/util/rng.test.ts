import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/util/rng.js';

const take = (r: Rng, n: number) => Array.from({ length: n }, () => r.next());

describe('Rng', () => {
  it('is sfc32: known outputs from state [1, 2, 3, 4]', () => {
    // Computed independently from the PractRand definition (tmp = a + b + counter++; ...).
    const r = Rng.fromState([1, 2, 3, 4]);
    expect([0, 0, 0, 0].map(() => r.nextUint32())).toEqual([7, 34, 56623200, 188882296]);
  });

  it('gives the same stream for the same seed and different streams for different seeds', () => {
    expect(take(new Rng(42), 100)).toEqual(take(new Rng(42), 100));
    expect(take(new Rng(42), 100)).not.toEqual(take(new Rng(43), 100));
    expect(take(new Rng(-1), 10)).not.toEqual(take(new Rng(2 ** 32 - 1), 10));
    expect(take(new Rng(2 ** 40), 10)).not.toEqual(take(new Rng(0), 10));
  });

  it('continues identically after a state round trip (through JSON)', () => {
    const r = new Rng(7);
    take(r, 37);
    r.normal();
    const state = JSON.parse(JSON.stringify(r.getState())) as number[];
    const restored = Rng.fromState(state);
    expect(take(restored, 50)).toEqual(take(r, 50));
    expect(restored.normal()).toBe(r.normal());
    expect(restored.getState()).toEqual(r.getState());
  });

  it('is roughly uniform on [0, 1)', () => {
    const r = new Rng(1);
    const n = 100_000;
    const bins = new Array(10).fill(0);
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      if (!(u >= 0 && u < 1)) outside++;
      bins[Math.floor(u * 10)]++;
      sum += u;
    }
    expect(outside).toBe(0);
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.005);
    for (const b of bins) expect(Math.abs(b / n - 0.1)).toBeLessThan(0.005);
  });

  it('int(n) covers [0, n) evenly', () => {
    const r = new Rng(2);
    const counts = new Array(7).fill(0);
    for (let i = 0; i < 70_000; i++) counts[r.int(7)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
    expect(r.int(1)).toBe(0);
    expect(() => r.int(0)).toThrow(/integer in \[1, 2\^32\]/);
    expect(() => r.int(2.5)).toThrow();
  });

  it('normal() has mean 0 and variance 1', () => {
    const r = new Rng(3);
    const n = 50_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s += z;
      s2 += z * z;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.02);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.03);
  });

  it('shuffles plain and typed arrays into permutations', () => {
    const r = new Rng(4);
    const a = Array.from({ length: 50 }, (_, i) => i);
    r.shuffle(a);
    expect(a).not.toEqual([...a].sort((x, y) => x - y));
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    const f = Float32Array.from({ length: 20 }, (_, i) => i);
    r.shuffle(f);
    expect(Array.from(f).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    const p = new Rng(5).permutation(100);
    expect(p).toBeInstanceOf(Int32Array);
    expect(Array.from(p).sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(new Rng(5).permutation(100)).toEqual(p);
    expect(new Rng(5).permutation(0).length).toBe(0);
  });

  it('rejects bad seeds and states with a message naming the fix', () => {
    expect(() => new Rng(1.5)).toThrow(/safe integer/);
    expect(() => new Rng(NaN)).toThrow(/safe integer/);
    expect(() => Rng.fromState([1, 2, 3])).toThrow(/getState/);
    expect(() => Rng.fromState([1, 2, 3, -1])).toThrow(/getState/);
  });
});
