/**
 * Line charts as SVG documents: learning curves (loss or accuracy against iteration, one
 * series per training space, the median over seeds with an interquartile band) and
 * accuracy against delay for the bit-memory tasks.
 */
import type { Space } from '../train/model.js';
import { drawAxes, drawGrid, drawTitle, layoutFrame, makeAxis, px, py, type Axis, type Frame } from './axes.js';
import { drawLegend, placeLegend, type LegendEntry, type LegendPlacement } from './legend.js';
import { ID, el, num, seriesColour, spaceColour, svgDocument, text, textWidth } from './svg.js';

/** One line, optionally with a shaded band (e.g. the interquartile range over seeds). */
export interface LineSeries {
  /** Legend text; series with an empty name are left out of the legend. */
  name: string;
  /** [x, y] pairs in drawing order; a NaN, infinite or (on a log axis) non-positive value breaks the line. */
  points: ReadonlyArray<readonly [number, number]>;
  /** [x, lo, hi] triples drawn as a translucent area; gaps as for `points`. */
  band?: ReadonlyArray<readonly [number, number, number]>;
  /** Line colour; default: the space's colour when `space` is given, else the palette in order. */
  colour?: string;
  /** Colours the series as target space (red) or weight space (blue), the convention of every figure. */
  space?: Space;
  /** Dashed line (e.g. test curve beside a solid training curve of the same colour). */
  dashed?: boolean;
  /** Draw a marker at every point (for few points, such as accuracy per delay). */
  markers?: boolean;
}

/** What to draw. Sizes are in CSS pixels. */
export interface LineChartSpec {
  series: readonly LineSeries[];
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** Figure width (default 640). */
  width?: number;
  /** Figure height (default 400). */
  height?: number;
  /** log10 y axis (e.g. loss); non-positive values are then skipped. */
  yLog?: boolean;
  /** log10 x axis. */
  xLog?: boolean;
  /** Fixed y range (e.g. [0, 1] for accuracy); default: the data range widened to nice ticks. */
  yRange?: readonly [number, number];
  /** Fixed x range; default: the data range widened to nice ticks. */
  xRange?: readonly [number, number];
  /** Legend corner inside the plot; 'auto' (default) picks the corner covering the fewest data. */
  legend?: LegendPlacement | 'auto' | 'none';
  /** Grid lines at the major ticks (default true). */
  grid?: boolean;
  /** Base font size (default 13). */
  fontSize?: number;
}

/** True when (x, y) can be drawn on these axes. */
function drawable(xAxisLog: boolean, yAxisLog: boolean, x: number, y: number): boolean {
  return Number.isFinite(x) && Number.isFinite(y) && (!xAxisLog || x > 0) && (!yAxisLog || y > 0);
}

/** The data range over all points and bands, or undefined when nothing is drawable. */
function extent(series: readonly LineSeries[], pick: 0 | 1, xLog: boolean, yLog: boolean): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  const see = (x: number, y: number): void => {
    if (!drawable(xLog, yLog, x, y)) return;
    const v = pick === 0 ? x : y;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  };
  for (const s of series) {
    for (const [x, y] of s.points) see(x, y);
    for (const [x, a, b] of s.band ?? []) {
      see(x, a);
      see(x, b);
    }
  }
  return lo <= hi ? [lo, hi] : undefined;
}

/** Splits `rows` into maximal runs whose values are all drawable (the gaps are the missing data). */
function runs<T extends readonly number[]>(rows: ReadonlyArray<T>, ok: (r: T) => boolean): T[][] {
  const out: T[][] = [];
  let cur: T[] = [];
  for (const r of rows) {
    if (ok(r)) cur.push(r);
    else if (cur.length) {
      out.push(cur);
      cur = [];
    }
  }
  if (cur.length) out.push(cur);
  return out;
}

/** The colour of series i. */
function colourOf(s: LineSeries, i: number): string {
  return s.colour ?? (s.space ? spaceColour(s.space) : seriesColour(i));
}

type Pt = readonly [number, number];

/** A series in pixels: the line's runs and the band's runs as (lower, upper) edges. */
interface Projected {
  lines: Pt[][];
  bands: Array<{ lower: Pt[]; upper: Pt[] }>;
}

/** Projects a series to pixels, split into runs at missing values. */
function project(s: LineSeries, frame: Frame, x: Axis, y: Axis): Projected {
  const P = (a: number, b: number): Pt => [px(x, frame, a), py(y, frame, b)];
  const lines = runs(s.points, ([a, b]) => drawable(x.log, y.log, a, b)).map((run) => run.map(([a, b]) => P(a, b)));
  const bands = runs(s.band ?? [], ([a, lo, hi]) => drawable(x.log, y.log, a, lo) && drawable(x.log, y.log, a, hi)).map((run) => ({
    lower: run.map(([a, lo]) => P(a, lo)),
    upper: run.map(([a, , hi]) => P(a, hi)),
  }));
  return { lines, bands };
}

/**
 * Draws one series: band and line (one subpath per run) to be clipped to the frame, and
 * separately the markers (and a dot for an isolated point, which has no segment to stroke
 * and would otherwise vanish) of points inside the frame, left unclipped so that a point
 * on the frame's edge (the last delay, accuracy 1) shows as a whole disc.
 */
function drawSeries(s: LineSeries, p: Projected, colour: string, frame: Frame): { clipped: string; markers: string } {
  const xy = ([a, b]: Pt): string => `${num(a)} ${num(b)}`;
  const clipped: string[] = [];
  const band = p.bands.map(({ lower, upper }) => `M${lower.map(xy).join('L')}L${[...upper].reverse().map(xy).join('L')}Z`).join('');
  if (band) clipped.push(el('path', { d: band, fill: colour, 'fill-opacity': 0.18, stroke: 'none' }));
  const d = p.lines.map((run) => `M${run.map(xy).join('L')}`).join('');
  if (d) {
    clipped.push(el('path', {
      d, fill: 'none', stroke: colour, 'stroke-width': 1.8, 'stroke-linejoin': 'round', 'stroke-linecap': 'round',
      'stroke-dasharray': s.dashed ? '6 4' : undefined,
    }));
  }
  const inside = ([a, b]: Pt): boolean =>
    a >= frame.left - 0.5 && a <= frame.left + frame.width + 0.5 && b >= frame.top - 0.5 && b <= frame.top + frame.height + 0.5;
  const dots = (s.markers ? p.lines.flat() : p.lines.filter((r) => r.length === 1).flat()).filter(inside);
  const markers = dots.map(([a, b]) =>
    el('circle', { cx: a, cy: b, r: s.markers ? 3.2 : 2, fill: colour, stroke: '#ffffff', 'stroke-width': s.markers ? 0.8 : 0 }));
  return { clipped: clipped.join(''), markers: markers.join('') };
}

/**
 * The x axis, with as many intervals as fit: the labels of a narrow chart (or of big
 * numbers like 10000) would otherwise run into each other.
 */
function fitXAxis(lo: number, hi: number, log: boolean, fixed: boolean, frameWidth: number, fs: number): Axis {
  let target = 6;
  let axis = makeAxis(lo, hi, { log, fixed, target });
  while (target > 2) {
    const widest = Math.max(0, ...axis.labels.map((l) => textWidth(l, fs)));
    if (axis.ticks.length <= 1 || frameWidth / (axis.ticks.length - 1) >= widest + fs * 1.5) break;
    axis = makeAxis(lo, hi, { log, fixed, target: --target });
  }
  return axis;
}

/**
 * A line chart as a standalone SVG document (see {@link LineChartSpec}). Series without
 * drawable points still get their legend entry; with no data at all the axes span [0, 1]
 * and the plot says "no data".
 */
export function lineChart(spec: LineChartSpec): string {
  const width = spec.width ?? 640;
  const height = spec.height ?? 400;
  const fs = spec.fontSize ?? 13;
  const xLog = spec.xLog ?? false;
  const yLog = spec.yLog ?? false;
  const xe = spec.xRange ?? extent(spec.series, 0, xLog, yLog) ?? (xLog ? [1, 10] : [0, 1]);
  const ye = spec.yRange ?? extent(spec.series, 1, xLog, yLog) ?? (yLog ? [1, 10] : [0, 1]);
  const yTarget = height < 260 ? 4 : 5;
  const yAxis = makeAxis(ye[0], ye[1], { log: yLog, fixed: spec.yRange !== undefined, target: yTarget });
  // The last x label hangs half outside the frame: the right margin must hold it.
  const xGuess = makeAxis(xe[0], xe[1], { log: xLog, fixed: spec.xRange !== undefined, target: 6 });
  const frame = layoutFrame(width, height, { ...spec, yTickLabels: yAxis.labels, xTickLabels: xGuess.labels, fontSize: fs });
  const xAxis = fitXAxis(xe[0], xe[1], xLog, spec.xRange !== undefined, frame.width, fs);

  const body: string[] = [];
  if (spec.grid ?? true) body.push(drawGrid(frame, xAxis, yAxis));
  body.push(`<clipPath id="${ID}c">${el('rect', { x: frame.left, y: frame.top, width: frame.width, height: frame.height })}</clipPath>`);
  const colours = spec.series.map(colourOf);
  const projected = spec.series.map((s) => project(s, frame, xAxis, yAxis));
  const drawn = spec.series.map((s, i) => drawSeries(s, projected[i]!, colours[i]!, frame));
  const data = drawn.map((d) => d.clipped).join('') + drawn.map((d) => d.markers).join('');
  body.push(el('g', { 'clip-path': `url(#${ID}c)` }, drawn.map((d) => d.clipped).join('')));
  if (!data) {
    body.push(text(frame.left + frame.width / 2, frame.top + frame.height / 2, 'no data', { 'text-anchor': 'middle', fill: '#888888', 'font-size': fs }));
  }
  body.push(drawAxes(frame, xAxis, yAxis, { xLabel: spec.xLabel, yLabel: spec.yLabel, fontSize: fs }));
  // Markers go over the frame line: a marker on the edge is data, the frame is not.
  body.push(drawn.map((d) => d.markers).join(''));
  body.push(drawTitle(frame, spec.title, fs));

  const entries: LegendEntry[] = spec.series
    .map((s, i) => ({ name: s.name, colour: colours[i]!, dashed: s.dashed, band: s.band !== undefined, marker: s.markers }))
    .filter((e) => e.name !== '');
  const where = spec.legend ?? 'auto';
  if (entries.length && where !== 'none') {
    const polylines = projected.flatMap((p) => [...p.lines, ...p.bands.flatMap((b) => [b.lower, b.upper])]);
    body.push(drawLegend(placeLegend(entries, frame, fs, where, polylines), entries, fs));
  }
  return svgDocument(width, height, body.join('\n'));
}
