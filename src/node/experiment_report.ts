/**
 * Write an experiment's results.json, PNG figures and report.html from its job results.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { aggregateResults, curvesFigure, delayFigure, groupLabel, reportHtml, type ExperimentResults, type GroupRuns } from '../experiments/report.js';
import { sideBySide } from '../plot/decision_surface.js';
import { readJobResult, type ExperimentConfig, type PlannedJob } from './experiment.js';
import { svgToPng } from './png.js';
import type { RunDir } from './run_dir.js';

export function writeExperimentReport(config: ExperimentConfig, jobs: PlannedJob[], dir: RunDir): { results: ExperimentResults; files: string[] } {
  const groups = new Map<string, GroupRuns>();
  for (const job of jobs) {
    const r = readJobResult(job);
    if (!r) continue;
    const key = `${groupLabel(job.group)}|${job.group.space}`;
    if (!groups.has(key)) groups.set(key, { key: job.group, runs: [] });
    groups.get(key)!.runs.push({ seed: job.seed, history: r.history, firstPerfectIteration: r.summary.firstPerfectIteration, wallSeconds: r.summary.wallSeconds });
  }
  const all = [...groups.values()];
  const results = aggregateResults({ preset: config.preset, description: config.description, source: config.source, seeds: config.seeds, threshold: config.threshold }, all);
  dir.writeJson('results.json', results);

  const figures: { title: string; svg: string; file: string }[] = [];
  const labels = [...new Set(all.map((g) => groupLabel(g.key)))];
  for (const label of labels) {
    const gs = all.filter((g) => groupLabel(g.key) === label);
    const stem = label.replace(/[^a-z0-9]+/gi, '-');
    figures.push({ title: `Learning curves, ${label} (median over seeds, interquartile band; dashed: held-out sets)`, svg: curvesFigure(gs, `${config.preset}: ${label}`), file: `curves-${stem}.png` });
    // Decision surfaces (two-spirals): the first seed of each space, side by side.
    const surfaces = gs
      .map((g) => jobs.find((j) => groupLabel(j.group) === label && j.group.space === g.key.space && j.seed === config.seeds[0]))
      .map((j) => (j ? join(j.dir, 'surface.svg') : ''))
      .filter((p) => p && existsSync(p))
      .map((p) => readFileSync(p, 'utf8'));
    if (surfaces.length > 0) figures.push({ title: `Decision surfaces, ${label}, seed ${config.seeds[0]}`, svg: sideBySide(surfaces), file: `surfaces-${stem}.png` });
  }
  if (config.delays) figures.push({ title: 'Final test accuracy against delay (median over seeds, interquartile band)', svg: delayFigure(results), file: 'accuracy-vs-delay.png' });
  const files = ['results.json'];
  for (const f of figures) {
    dir.writeFile(f.file, svgToPng(f.svg));
    files.push(f.file);
  }
  dir.writeFile('report.html', reportHtml(results, config, figures));
  files.push('report.html');
  return { results, files };
}
