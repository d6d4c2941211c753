import { describe, expect, it } from 'vitest';
import {
  formatTick, linearTicks, logMinorTicks, logTicks, niceDomain, niceLogDomain, niceStep,
} from '../../src/plot/ticks.js';

describe('linear ticks', () => {
  it('gives the obvious ticks for [0, 1] and [0, 4000]', () => {
    expect(linearTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(linearTicks(0, 4000)).toEqual([0, 1000, 2000, 3000, 4000]);
    expect(linearTicks(-7, 7)).toEqual([-6, -4, -2, 0, 2, 4, 6]);
  });

  it('has no binary noise, stays inside the range and is increasing', () => {
    for (const [lo, hi] of [[0, 0.3], [0.1, 0.7], [-0.03, 0.09], [1e-6, 7e-6], [123.4, 5678.9]] as const) {
      const t = linearTicks(lo, hi);
      expect(t.length).toBeGreaterThanOrEqual(3);
      expect(t.length).toBeLessThanOrEqual(11);
      for (const v of t) {
        expect(v).toBeGreaterThanOrEqual(lo - 1e-12);
        expect(v).toBeLessThanOrEqual(hi + 1e-12);
        expect(String(v).length, String(v)).toBeLessThan(10);
      }
      for (let i = 1; i < t.length; i++) expect(t[i]!).toBeGreaterThan(t[i - 1]!);
    }
  });

  it('steps are 1, 2 or 5 times a power of ten', () => {
    for (const span of [0.0013, 0.7, 1, 3.3, 17, 260, 4000, 9.9e7]) {
      const s = niceStep(span);
      const m = s / 10 ** Math.floor(Math.log10(s) + 1e-12);
      expect([1, 2, 5].some((k) => Math.abs(m - k) < 1e-9), `${span} -> ${s}`).toBe(true);
    }
  });

  it('widens data ranges to nice bounds and copes with a single value', () => {
    expect(niceDomain(0.03, 0.97)).toEqual([0, 1]);
    expect(niceDomain(0, 3870)).toEqual([0, 4000]);
    expect(niceDomain(0.62, 0.62)[0]).toBeLessThan(0.62);
    expect(niceDomain(0, 0)).toEqual([-1, 1]);
    expect(linearTicks(2, 2)).toEqual([2]);
    expect(linearTicks(NaN, 1)).toEqual([]);
  });
});

describe('log ticks', () => {
  it('uses decades over several decades', () => {
    expect(logTicks(0.001, 2.3)).toEqual([0.001, 0.01, 0.1, 1]);
    expect(niceLogDomain(0.001, 2.3)).toEqual([0.001, 5]);
    expect(logTicks(...niceLogDomain(0.001, 2.3))).toEqual([0.001, 0.01, 0.1, 1]);
  });

  it('thins out decades over a huge range', () => {
    const t = logTicks(1e-12, 1e12);
    expect(t.length).toBeLessThanOrEqual(9);
    expect(t.length).toBeGreaterThanOrEqual(4);
    for (const v of t) expect(Math.log10(v) % 1).toBeCloseTo(0, 9);
  });

  it('uses 1-2-5 values within a decade and linear ticks for a sliver', () => {
    expect(logTicks(0.05, 1)).toEqual([0.05, 0.1, 0.2, 0.5, 1]);
    expect(niceLogDomain(0.05, 0.9)).toEqual([0.05, 1]);
    const narrow = logTicks(1.1, 1.3);
    expect(narrow.length).toBeGreaterThanOrEqual(2);
    for (const v of narrow) expect(v >= 1.1 && v <= 1.3).toBe(true);
  });

  it('has minor ticks 2..9 only between decade labels', () => {
    const minor = logMinorTicks(0.001, 1);
    expect(minor).toContain(0.002);
    expect(minor).toContain(0.9);
    expect(minor).not.toContain(0.01);
    expect(logMinorTicks(0.05, 1)).toEqual([]);
  });

  it('rejects non-positive ranges instead of producing NaN', () => {
    expect(logTicks(0, 1)).toEqual([]);
    const [lo, hi] = niceLogDomain(0, 3);
    expect(lo).toBeGreaterThan(0);
    expect(hi).toBeGreaterThanOrEqual(3);
  });
});

describe('tick labels', () => {
  it('formats with the decimals the step needs', () => {
    expect([0, 0.5, 1].map((v) => formatTick(v, 0.5))).toEqual(['0.0', '0.5', '1.0']);
    expect([0, 0.2, 1].map((v) => formatTick(v, 0.2))).toEqual(['0.0', '0.2', '1.0']);
    expect([0, 1000, 4000].map((v) => formatTick(v, 1000))).toEqual(['0', '1000', '4000']);
    expect(formatTick(0.05, 0.05)).toBe('0.05');
  });

  it('uses the typographic minus and powers of ten at the extremes', () => {
    expect(formatTick(-2, 1)).toBe('−2');
    expect(formatTick(1e-5)).toBe('10⁻⁵');
    expect(formatTick(2e6)).toBe('2×10⁶');
    expect(formatTick(-1e7)).toBe('−10⁷');
    expect(formatTick(0.001)).toBe('0.001');
    expect(formatTick(NaN)).toBe('');
  });
});
