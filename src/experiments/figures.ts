/**
 * The figures a run draws, as SVG documents (browser-safe; PNG conversion is in
 * src/node/figures.ts): learning curves of both spaces and, for 2-D tasks, decision
 * surfaces (the paper's fig. 4).
 */
import type { MetricsRow } from '../train/fit.js';
import type { Space } from '../train/model.js';
import { lineChart, type LineSeries } from '../plot/line_chart.js';
import { decisionSurface, sideBySide, type Extent, type LabelledPoints, type RasterEncoder } from '../plot/decision_surface.js';

export interface CurveSource {
  space: Space;
  history: MetricsRow[];
}

/** Loss (log scale) and accuracy against iteration for every space and evaluated set. */
export function learningCurves(runs: CurveSource[], title = 'Learning curves'): string {
  const sets = [...new Set(runs.flatMap((r) => Object.keys(r.history[0]?.sets ?? {})))];
  const series = (metric: 'loss' | 'accuracy'): LineSeries[] =>
    runs.flatMap((r) =>
      sets.map((set, k) => ({
        name: `${r.space} ${set}`,
        space: r.space,
        dashed: k > 0,
        points: r.history.map((h) => [h.iteration, h.sets[set]?.[metric] ?? NaN] as [number, number]),
      })),
    );
  const loss = lineChart({ series: series('loss'), title: 'Loss', xLabel: 'iteration', yLabel: 'loss', yLog: true });
  const acc = lineChart({ series: series('accuracy'), title: 'Accuracy', xLabel: 'iteration', yLabel: 'accuracy', yRange: [0, 1] });
  return sideBySide([loss, acc], undefined, { title });
}

/** A decision surface with training points (discs) and test points (rings). */
export function surfaceFigure(grid: Float32Array, size: number, extent: Extent, title: string, train: LabelledPoints, test?: LabelledPoints, encoder?: RasterEncoder): string {
  return decisionSurface({ grid, rows: size, cols: size, extent, title, train, test, encoder });
}
