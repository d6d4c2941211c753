/**
 * Decision surfaces of 2-D tasks (the paper's fig. 4) as SVG documents (browser-safe;
 * PNG conversion is in src/node/figures.ts). Learning curves: report.ts's curvesFigure.
 */
import { decisionSurface, type Extent, type LabelledPoints, type RasterEncoder } from '../plot/decision_surface.js';

/** A decision surface with training points (discs) and test points (rings). */
export function surfaceFigure(grid: Float32Array, size: number, extent: Extent, title: string, train: LabelledPoints, test?: LabelledPoints, encoder?: RasterEncoder): string {
  return decisionSurface({ grid, rows: size, cols: size, extent, title, train, test, encoder });
}
