/**
 * A brief CNN training on the real Fashion-MNIST (Debian's dataset-fashion-mnist, which
 * .ci/run installs): both spaces learn well above chance (0.1) in 110 iterations.
 * The full one-epoch acceptance run is `targetspace train fashion-mnist --preset small
 * --space both --epochs 1` (see the README's results).
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findPreset } from '../../src/experiments/presets.js';
import { runSpace } from '../../src/experiments/run.js';
import type { ImageSpec } from '../../src/experiments/task_spec.js';
import { makeTask } from '../../src/node/tasks.js';

const DEBIAN = '/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz';

describe('CNN on the real Fashion-MNIST', () => {
  it.skipIf(!existsSync(DEBIAN))('small preset, 110 iterations: target >= 0.7 and weight >= 0.75 test accuracy', async () => {
    const preset = findPreset('fashion-mnist');
    const task = makeTask({ ...(preset.task as ImageSpec), limit: 5000, trainEvalCount: 1000 });
    const data = await task.load();
    const acc: Record<string, number> = {};
    for (const space of ['target', 'weight'] as const) {
      const r = await runSpace(task, data, { ...preset.settings, iterations: 110, evalEvery: 110, seed: 1 }, space);
      acc[space] = r.final.test.accuracy;
    }
    data.dispose();
    console.log(`fashion-mnist after 110 iterations: ${JSON.stringify(acc)}`);
    expect(acc.target).toBeGreaterThanOrEqual(0.7);
    expect(acc.weight).toBeGreaterThanOrEqual(0.75);
  });
});
