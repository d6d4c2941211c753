/**
 * Write a run's figures as PNG files: each job's saved SVG figures, a side-by-side
 * version when several spaces ran, and the learning curves of all spaces.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { curvesFigure } from '../experiments/report.js';
import type { MetricsRow } from '../train/fit.js';
import type { Space } from '../train/model.js';
import { sideBySide } from '../plot/decision_surface.js';
import { svgToPng } from './png.js';
import type { RunDir } from './run_dir.js';

/** @returns the file names written */
export function writeRunFigures(dir: RunDir, runs: { space: Space; history: MetricsRow[] }[]): string[] {
  const written: string[] = [];
  const put = (name: string, svg: string) => {
    dir.writeFile(name, svgToPng(svg));
    written.push(name);
  };
  const svgs = existsSync(dir.path) ? readdirSync(dir.path).filter((f) => f.endsWith('.svg')) : [];
  const stems = new Map<string, Map<string, string>>();
  for (const f of svgs) {
    const m = /^(.*)-(target|weight)\.svg$/.exec(f);
    if (!m) continue;
    const svg = readFileSync(dir.file(f), 'utf8');
    put(f.replace(/\.svg$/, '.png'), svg);
    if (!stems.has(m[1])) stems.set(m[1], new Map());
    stems.get(m[1])!.set(m[2], svg);
  }
  for (const [stem, bySpace] of stems) {
    const panels = runs.map((r) => bySpace.get(r.space)).filter((s): s is string => s !== undefined);
    if (panels.length > 1) put(`${stem}-both.png`, sideBySide(panels));
  }
  const groups = runs.map((r) => ({ key: { variant: 'run', space: r.space }, runs: [{ seed: 0, history: r.history, firstPerfectIteration: null, wallSeconds: 0 }] }));
  if (runs.length > 0) put('curves.png', curvesFigure(groups, 'Learning curves'));
  return written;
}
