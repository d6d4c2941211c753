/**
 * An experiment's results: the machine-readable summary, its figures (SVG) and a
 * self-contained HTML report (inline SVG and CSS, readable offline).
 */
import { lineChart, type LineSeries } from '../plot/line_chart.js';
import { sideBySide } from '../plot/decision_surface.js';
import { escapeXml } from '../plot/svg.js';
import type { Space } from '../train/model.js';
import { curveBands, summariseGroup, type GroupSummary, type Quartiles, type SeedRun } from './aggregate.js';

export interface GroupKey {
  variant: string;
  delay?: number;
  space: Space;
}

export interface GroupRuns {
  key: GroupKey;
  runs: SeedRun[];
}

export interface ExperimentResults {
  preset: string;
  description: string;
  source: string;
  seeds: number[];
  threshold: number;
  groups: { key: GroupKey; summary: GroupSummary }[];
}

export function groupLabel(k: Omit<GroupKey, 'space'>): string {
  return `${k.variant}${k.delay === undefined ? '' : ` d=${k.delay}`}`;
}

export function aggregateResults(meta: Omit<ExperimentResults, 'groups'>, groups: GroupRuns[]): ExperimentResults {
  return { ...meta, groups: groups.map((g) => ({ key: g.key, summary: summariseGroup(g.runs, meta.threshold) })) };
}

/**
 * Learning curves of both spaces for one variant: loss (log scale) and accuracy against
 * iteration, the median over seeds with the interquartile band (no band for one run).
 */
export function curvesFigure(groups: GroupRuns[], title: string): string {
  const sets = Object.keys(groups[0]?.runs[0]?.history[0]?.sets ?? {});
  const chart = (metric: 'loss' | 'accuracy') => {
    const series: LineSeries[] = groups.flatMap((g) =>
      sets.map((set, i) => {
        const { points, band } = curveBands(g.runs, set, metric);
        return { name: `${g.key.space} ${set}`, space: g.key.space, dashed: i > 0, points, band: g.runs.length > 1 ? band : undefined };
      }),
    );
    return lineChart({ series, title: metric === 'loss' ? 'Loss' : 'Accuracy', xLabel: 'iteration', yLabel: metric, yLog: metric === 'loss', yRange: metric === 'accuracy' ? [0, 1] : undefined });
  };
  return sideBySide([chart('loss'), chart('accuracy')], undefined, { title });
}

/** Final test accuracy against delay, per space (median and interquartile band). */
export function delayFigure(results: ExperimentResults, set = 'test'): string {
  const spaces = [...new Set(results.groups.map((g) => g.key.space))];
  const series: LineSeries[] = spaces.map((space) => {
    const gs = results.groups.filter((g) => g.key.space === space && g.key.delay !== undefined).sort((a, b) => a.key.delay! - b.key.delay!);
    const q = (g: (typeof gs)[number]) => g.summary.final[set].accuracy;
    return { name: `${space} space`, space, markers: true, points: gs.map((g) => [g.key.delay!, q(g).median]), band: gs.map((g) => [g.key.delay!, q(g).q1, q(g).q3]) };
  });
  return lineChart({ series, title: `${set} accuracy against delay`, xLabel: 'delay d (steps)', yLabel: `${set} accuracy`, yRange: [0.4, 1] });
}

const fmtQ = (q: Quartiles, digits: number) =>
  !Number.isFinite(q.median) ? 'never' : `${q.median.toFixed(digits)} <span class="iqr">[${Number.isFinite(q.q1) ? q.q1.toFixed(digits) : '∞'}, ${Number.isFinite(q.q3) ? q.q3.toFixed(digits) : '∞'}]</span>`;

/** The comparison table: one column per (variant, space). */
export function comparisonHtml(results: ExperimentResults): string {
  const cols = results.groups;
  const sets = Object.keys(cols[0]?.summary.final ?? {});
  const head = `<tr><th></th>${cols.map((g) => `<th class="${g.key.space}">${escapeXml(groupLabel(g.key))}<br>${g.key.space} space</th>`).join('')}</tr>`;
  const row = (label: string, cell: (g: (typeof cols)[number]) => string) => `<tr><th>${label}</th>${cols.map((g) => `<td>${cell(g)}</td>`).join('')}</tr>`;
  const rows = [
    ...sets.flatMap((s) => [row(`${s} accuracy`, (g) => fmtQ(g.summary.final[s].accuracy, 4)), row(`${s} loss`, (g) => fmtQ(g.summary.final[s].loss, 4))]),
    row(`iterations to ${results.threshold} train accuracy`, (g) => `${fmtQ(g.summary.reach.iterations, 0)} (${g.summary.reach.reached}/${g.summary.seeds} seeds)`),
    row(`seconds to ${results.threshold} train accuracy`, (g) => fmtQ(g.summary.reach.seconds, 1)),
    row('wall seconds', (g) => fmtQ(g.summary.wallSeconds, 1)),
  ];
  return `<table>${head}${rows.join('')}</table>`;
}

/** A plain-text version of the table for the terminal (medians only). */
export function comparisonText(results: ExperimentResults): string {
  const cols = results.groups;
  const sets = Object.keys(cols[0]?.summary.final ?? {});
  const m = (q: Quartiles, d: number) => (Number.isFinite(q.median) ? q.median.toFixed(d) : 'never');
  const rows: string[][] = [['median over seeds', ...cols.map((g) => `${groupLabel(g.key)} ${g.key.space}`)]];
  for (const s of sets) rows.push([`${s} accuracy`, ...cols.map((g) => m(g.summary.final[s].accuracy, 4))]);
  rows.push([`iterations to ${results.threshold} train acc`, ...cols.map((g) => `${m(g.summary.reach.iterations, 0)} (${g.summary.reach.reached}/${g.summary.seeds})`)]);
  rows.push(['wall seconds', ...cols.map((g) => m(g.summary.wallSeconds, 1))]);
  const w = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(w[c]) : cell.padStart(w[c]))).join('   ')).join('\n');
}

export function reportHtml(results: ExperimentResults, config: unknown, figures: { title: string; svg: string }[]): string {
  const css = `body{font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;margin:2em auto;max-width:1300px;color:#222;padding:0 1em}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ddd;padding:.35em .7em;text-align:right}th{background:#f6f6f6}
th.target{color:#d62728}th.weight{color:#1f77b4}.iqr{color:#888;font-size:.85em}figure{margin:1.5em 0}figure svg{max-width:100%;height:auto}
pre{background:#f6f6f6;padding:1em;overflow:auto;font-size:.85em}`;
  const figs = figures.map((f) => `<figure>${f.svg.replace(/^<\?xml[^>]*>\s*/, '')}<figcaption>${escapeXml(f.title)}</figcaption></figure>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>targetspace: ${escapeXml(results.preset)}</title><style>${css}</style></head>
<body>
<h1>${escapeXml(results.preset)}</h1>
<p>${escapeXml(results.description)}. Reproduces ${escapeXml(results.source)} of Fairbank, Samothrakis and Citi, <i>Deep Learning in Target Space</i>, JMLR 23(8), 2022.</p>
<h2>Target space against weight space</h2>
<p>Medians over ${results.seeds.length} seed(s) (${results.seeds.join(', ')}), interquartile range in brackets.</p>
${comparisonHtml(results)}
<h2>Figures</h2>
${figs}
<h2>Configuration</h2>
<pre>${escapeXml(JSON.stringify(config, null, 2))}</pre>
</body></html>
`;
}
