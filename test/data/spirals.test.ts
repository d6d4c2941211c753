import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { spiralsCsv, twoSpirals } from '../../src/data/spirals.js';

/** The reference files' sha256 (shared/data/two-spirals/SOURCE.md). */
const SHA256 = {
  train: 'e5f4cb603c6a362feb9228f3ae62709fd9a291691ec6c9f052e67638b94b1d5f',
  test: '5ead44d577a0758ee529ecd2fc3105d7d5231866a0ff0d5193734b1f181be71c',
};
const REFERENCE = { train: '../shared/data/two-spirals/twoSpirals.csv', test: '../shared/data/two-spirals/twoSpiralsTestSet.csv' };

describe('two-spirals generator', () => {
  for (const split of ['train', 'test'] as const) {
    it(`reproduces the reference ${split} CSV byte for byte (pinned sha256)`, () => {
      const csv = spiralsCsv(split);
      expect(createHash('sha256').update(csv).digest('hex')).toBe(SHA256[split]);
      if (existsSync(REFERENCE[split])) expect(csv).toBe(readFileSync(REFERENCE[split], 'utf8'));
    });
  }

  it('gives 97 points per class, alternating labels, the test points between the training ones', () => {
    const tr = twoSpirals('train');
    const te = twoSpirals('test');
    expect(tr.n).toBe(194);
    expect(te.n).toBe(194);
    expect(Array.from(tr.y.slice(0, 4))).toEqual([0, 1, 0, 1]);
    expect(tr.x[0]).toBeCloseTo(0.65, 6);
    expect(tr.x[2]).toBeCloseTo(-0.65, 6);
    // The last test point lies a little past the end of the training spiral (r = 6.5305).
    expect(Math.hypot(te.x[2 * 192], te.x[2 * 192 + 1])).toBeCloseTo(6.5305, 3);
  });
});
