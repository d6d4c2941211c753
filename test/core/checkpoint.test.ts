import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type TrainSettings } from '../../src/experiments/settings.js';
import { spiralsTask } from '../../src/experiments/spirals.js';
import { runSpace } from '../../src/experiments/run.js';
import type { Checkpoint } from '../../src/train/checkpoint.js';
import { readCheckpoint, writeCheckpoint } from '../../src/node/checkpoint_file.js';

describe('checkpoints', () => {
  for (const space of ['target', 'weight'] as const) {
    for (const optimiser of ['adam', 'rmsprop', 'momentum'] as const) {
      it(`a run stopped, saved and resumed ends with identical metrics (${space}, ${optimiser})`, async () => {
        const task = spiralsTask();
        const data = await task.load();
        const settings: TrainSettings = { ...DEFAULT_SETTINGS, iterations: 40, batchSize: 64, evalEvery: 10, optimiser, seed: 3 };
        const straight = await runSpace(task, data, settings, space);

        const dir = mkdtempSync(join(tmpdir(), 'ts-ck-'));
        const path = join(dir, 'ck.bin');
        let steps = 0;
        const first = await runSpace(task, data, settings, space, {
          onStep: () => steps++,
          shouldStop: () => steps >= 17,
          saveCheckpoint: (ck) => writeCheckpoint(path, ck),
        });
        expect(first.iterations).toBe(17);
        const ck = readCheckpoint(path);
        expect(ck.header.trainer.iteration).toBe(17);
        const resumed = await runSpace(task, data, settings, space, { resume: ck });
        data.dispose();
        rmSync(dir, { recursive: true });
        expect(resumed.iterations).toBe(40);
        expect(resumed.final).toEqual(straight.final);
        // The resumed history also holds the row logged when the first run stopped (iteration 17).
        const regular = resumed.history.filter((h) => h.iteration !== 17);
        expect(regular.map((h) => [h.iteration, h.sets])).toEqual(straight.history.map((h) => [h.iteration, h.sets]));
      });
    }
  }

  it('rejects corrupt, truncated and mismatched checkpoints with clear errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ts-ck-'));
    const path = join(dir, 'ck.bin');
    writeFileSync(path, 'hello world');
    expect(() => readCheckpoint(path)).toThrow(/is corrupt \(not a targetspace checkpoint\); delete it/);
    expect(() => readCheckpoint(join(dir, 'missing.bin'))).toThrow(/cannot read checkpoint .*ENOENT/);

    const task = spiralsTask();
    const data = await task.load();
    const settings: TrainSettings = { ...DEFAULT_SETTINGS, iterations: 3, evalEvery: 3 };
    let saved: Checkpoint | null = null;
    await runSpace(task, data, settings, 'target', { saveCheckpoint: (ck) => void (saved = ck) });
    writeCheckpoint(path, saved!);
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.length - 100));
    expect(() => readCheckpoint(path)).toThrow(/truncated data/);
    await expect(runSpace(task, data, settings, 'weight', { resume: saved! })).rejects.toThrow(/checkpoint is for target space/);
    const other = spiralsTask({ hidden: [4, 4], activation: { name: 'tanh' }, shortcuts: true });
    await expect(runSpace(other, data, settings, 'target', { resume: saved! })).rejects.toThrow(/network differs/);
    data.dispose();
    rmSync(dir, { recursive: true });
  });
});
