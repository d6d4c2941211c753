/**
 * Write a run's figures as PNG files: each space's figures, a side-by-side version when
 * several spaces ran, and the learning curves.
 */
import { learningCurves, type CurveSource } from '../experiments/figures.js';
import { sideBySide } from '../plot/decision_surface.js';
import { svgToPng } from './png.js';
import type { RunDir } from './run_dir.js';

/**
 * @param figures per-space SVGs keyed `<stem>-<space>`
 * @returns the file names written
 */
export function writeFigures(dir: RunDir, runs: CurveSource[], figures: Record<string, string>): string[] {
  const written: string[] = [];
  const put = (name: string, svg: string) => {
    dir.writeFile(name, svgToPng(svg));
    written.push(name);
  };
  const stems = new Set<string>();
  for (const [key, svg] of Object.entries(figures)) {
    put(`${key}.png`, svg);
    stems.add(key.slice(0, key.lastIndexOf('-')));
  }
  if (runs.length > 1) {
    for (const stem of stems) {
      const panels = runs.map((r) => figures[`${stem}-${r.space}`]).filter((s): s is string => s !== undefined);
      if (panels.length > 1) put(`${stem}-both.png`, sideBySide(panels));
    }
  }
  if (runs.length > 0) put('curves.png', learningCurves(runs));
  return written;
}
