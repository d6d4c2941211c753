/**
 * Per-model figures by task kind: two-spirals draws its decision surface (fig. 4).
 */
import { twoSpirals } from '../data/spirals.js';
import { surfaceFigure } from '../experiments/figures.js';
import { probabilityGrid, SPIRALS_EXTENT } from '../experiments/spirals.js';
import type { TaskSpec } from '../experiments/task_spec.js';
import type { Model } from '../train/model.js';
import { pngDataUri } from './png.js';

/** Decision-surface resolution (cells per side). */
const GRID = 200;

export function taskFigures(spec: TaskSpec): ((model: Model) => Record<string, string>) | undefined {
  if (spec.kind !== 'spirals') return undefined;
  return (model) => ({
    surface: surfaceFigure(probabilityGrid((x) => model.predict(x), SPIRALS_EXTENT, GRID), GRID, SPIRALS_EXTENT, `${model.space} space`, twoSpirals('train'), twoSpirals('test'), pngDataUri),
  });
}
