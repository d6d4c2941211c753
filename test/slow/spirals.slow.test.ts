/**
 * The acceptance check for E1: target space on two-spirals (2-5-5-5-2 tanh,
 * shortcuts, X̄ = training set, full batch, lambda 0.001, Adam 0.01) reaches 100%
 * training accuracy within 1500 iterations for at least 4 of seeds 1-5, with median test
 * accuracy >= 0.97. Weight space runs the same command for comparison (reported only).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/experiments/settings.js';
import { spiralsTask } from '../../src/experiments/spirals.js';
import { runSpace } from '../../src/experiments/run.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('two-spirals (paper E1)', () => {
  it('target space solves it within 1500 iterations for >= 4 of 5 seeds, median test accuracy >= 0.97', async () => {
    const task = spiralsTask();
    const data = await task.load();
    const report: Record<string, { firstPerfect: (number | null)[]; test: number[] }> = {};
    for (const space of ['target', 'weight'] as const) {
      report[space] = { firstPerfect: [], test: [] };
      for (let seed = 1; seed <= 5; seed++) {
        const r = await runSpace(task, data, { ...DEFAULT_SETTINGS, seed, iterations: 1500, evalEvery: 1500 }, space);
        report[space].firstPerfect.push(r.firstPerfect);
        report[space].test.push(r.final.test.accuracy);
      }
    }
    data.dispose();
    console.log(JSON.stringify(report));
    const solved = report.target.firstPerfect.filter((f) => f !== null && f <= 1500).length;
    expect(solved).toBeGreaterThanOrEqual(4);
    expect(median(report.target.test)).toBeGreaterThanOrEqual(0.97);
  });
});
