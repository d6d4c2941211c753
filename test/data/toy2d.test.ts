import { describe, expect, it } from 'vitest';
import { circles, gaussianBlobs, jitter, toy2d, TOY2D, TOY2D_RADIUS, xor } from '../../src/data/toy2d.js';
import { twoSpirals } from '../../src/data/spirals.js';

const point = (x: Float32Array, i: number) => [x[2 * i], x[2 * i + 1]] as const;

describe('toy2d generators', () => {
  it.each(TOY2D)('%s: shapes, balanced labels, seeded and reproducible', (name) => {
    const a = toy2d(name, { n: 200, noise: 0.3, seed: 7 });
    expect(a.n).toBe(200);
    expect(a.x.length).toBe(400);
    expect(a.y.length).toBe(200);
    expect(Array.from(a.y).filter((l) => l === 1).length).toBe(100);
    expect(a.x.every(Number.isFinite)).toBe(true);
    const b = toy2d(name, { n: 200, noise: 0.3, seed: 7 });
    expect(Array.from(b.x)).toEqual(Array.from(a.x));
    const c = toy2d(name, { n: 200, noise: 0.3, seed: 8 });
    expect(Array.from(c.x)).not.toEqual(Array.from(a.x));
  });

  it('circles without noise: class 0 inside 0.5 R, class 1 on the ring 0.7 R .. R', () => {
    const s = circles({ n: 400, seed: 1 });
    for (let i = 0; i < s.n; i++) {
      const r = Math.hypot(...point(s.x, i));
      if (s.y[i] === 0) expect(r).toBeLessThanOrEqual(0.5 * TOY2D_RADIUS + 1e-5);
      else {
        expect(r).toBeGreaterThanOrEqual(0.7 * TOY2D_RADIUS - 1e-5);
        expect(r).toBeLessThanOrEqual(TOY2D_RADIUS + 1e-5);
      }
    }
  });

  it('xor without noise: the label is the sign of x y, away from the axes', () => {
    const s = xor({ n: 400, seed: 2 });
    for (let i = 0; i < s.n; i++) {
      const [px, py] = point(s.x, i);
      expect(Math.min(Math.abs(px), Math.abs(py))).toBeGreaterThan(0.05 * TOY2D_RADIUS);
      expect(Math.max(Math.abs(px), Math.abs(py))).toBeLessThanOrEqual(TOY2D_RADIUS + 1e-5);
      expect(s.y[i]).toBe(px * py > 0 ? 0 : 1);
    }
  });

  it('blobs: class means near (2.5, 2.5) and (-2.5, -2.5), unit spread', () => {
    const s = gaussianBlobs({ n: 4000, seed: 3 });
    for (const label of [0, 1]) {
      const pts = Array.from({ length: s.n }, (_, i) => i).filter((i) => s.y[i] === label).map((i) => point(s.x, i));
      const mean = (k: 0 | 1) => pts.reduce((a, p) => a + p[k], 0) / pts.length;
      const want = label === 0 ? 2.5 : -2.5;
      // 2000 points per class: the standard error of a mean is 0.022, so 0.1 is 4.5 of them.
      expect(Math.abs(mean(0) - want)).toBeLessThan(0.1);
      expect(Math.abs(mean(1) - want)).toBeLessThan(0.1);
      const sd = Math.sqrt(pts.reduce((a, p) => a + (p[0] - mean(0)) ** 2, 0) / pts.length);
      expect(sd).toBeGreaterThan(0.9);
      expect(sd).toBeLessThan(1.1);
    }
  });

  it('noise is the per-coordinate jitter: same clean points, spread grows with noise', () => {
    const clean = circles({ n: 2000, noise: 0, seed: 4 });
    const noisy = circles({ n: 2000, noise: 0.5, seed: 4 });
    let sq = 0;
    for (let i = 0; i < clean.x.length; i++) sq += (noisy.x[i] - clean.x[i]) ** 2;
    expect(Math.sqrt(sq / clean.x.length)).toBeCloseTo(0.5, 1);
    expect(Array.from(noisy.y)).toEqual(Array.from(clean.y));
  });

  it('rejects bad options with clear messages', () => {
    expect(() => circles({ n: 0, seed: 1 })).toThrow(/n must be a positive integer/);
    expect(() => xor({ n: 10, noise: -1, seed: 1 })).toThrow(/noise must be/);
    expect(() => toy2d('moons' as never, { n: 10, seed: 1 })).toThrow(/Unknown toy data set 'moons'/);
  });
});

describe('jitter', () => {
  it('noise 0 copies exactly; noise > 0 moves points by about that much, seeded', () => {
    const s = twoSpirals('train');
    const same = jitter(s, 0, 1);
    expect(Array.from(same.x)).toEqual(Array.from(s.x));
    expect(same.x).not.toBe(s.x);
    const a = jitter(s, 0.2, 5);
    expect(Array.from(jitter(s, 0.2, 5).x)).toEqual(Array.from(a.x));
    let sq = 0;
    for (let i = 0; i < s.x.length; i++) sq += (a.x[i] - s.x[i]) ** 2;
    expect(Math.sqrt(sq / s.x.length)).toBeGreaterThan(0.15);
    expect(Math.sqrt(sq / s.x.length)).toBeLessThan(0.25);
    expect(Array.from(a.y)).toEqual(Array.from(s.y));
  });
});
