/**
 * Recurrent nets learn (paper E3 and E4), briefly: a delayed-recall bit task in target
 * space, and the SpamAssassin corpus in both spaces (majority class: 0.69).
 */
import { describe, expect, it } from 'vitest';
import { findPreset } from '../../src/experiments/presets.js';
import { runSpace } from '../../src/experiments/run.js';
import type { BitsSpec, TextSpec } from '../../src/experiments/task_spec.js';
import { makeTask } from '../../src/node/tasks.js';

describe('recurrent nets in target space', () => {
  it('delayed recall with d = 15: target space reaches 0.99 test accuracy within 300 iterations', async () => {
    const preset = findPreset('bits-recall');
    const spec: BitsSpec = { ...(preset.task as BitsSpec), delay: 15, length: 65, hidden: 18, xbarLength: 65, trainCount: 2000, testCount: 300 };
    const task = makeTask(spec);
    const data = await task.load();
    const r = await runSpace(task, data, { ...preset.settings, iterations: 300, evalEvery: 100, seed: 1 }, 'target');
    data.dispose();
    const best = Math.max(...r.history.map((h) => h.sets.test.accuracy));
    console.log(`bits d=15 target: test accuracy by iteration ${r.history.map((h) => `${h.iteration}:${h.sets.test.accuracy.toFixed(3)}`).join(' ')}`);
    expect(best).toBeGreaterThanOrEqual(0.99);
  });

  it('the spam corpus trains in both spaces, well above the majority class', async () => {
    const preset = findPreset('spam');
    const task = makeTask(preset.task as TextSpec);
    const data = await task.load();
    const acc: Record<string, number> = {};
    for (const space of ['target', 'weight'] as const) {
      const r = await runSpace(task, data, { ...preset.settings, iterations: 200, evalEvery: 200, seed: 1 }, space);
      acc[space] = r.final.test.accuracy;
    }
    data.dispose();
    console.log(`spam test accuracy: ${JSON.stringify(acc)}`);
    expect(acc.target).toBeGreaterThan(0.8);
    expect(acc.weight).toBeGreaterThan(0.8);
  });
});
