/**
 * Cartesian axes shared by the line chart and the decision surface: an {@link Axis} maps
 * data to pixels (linear or log10), {@link layoutFrame} reserves margins for the title,
 * tick labels and axis labels, and the drawing functions emit the grid (behind the data)
 * and the frame, ticks and labels (in front of it).
 */
import { formatTick, linearTicks, logMinorTicks, logTicks, niceDomain, niceLogDomain } from './ticks.js';
import { GRID, INK, el, text, textWidth } from './svg.js';

/** One axis: its data domain, scale type and tick positions with their labels. */
export interface Axis {
  domain: readonly [number, number];
  log: boolean;
  ticks: readonly number[];
  labels: readonly string[];
  /** Unlabelled short ticks (log axes: 2..9 × 10^k). */
  minor: readonly number[];
}

/** The plot area in pixels: data are drawn inside [left, left + width] × [top, top + height]. */
export interface Frame {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * An axis over the data range [lo, hi]. Unless `fixed`, the range is widened to nice tick
 * values so the axis starts and ends on a label; `fixed` keeps it exactly (e.g. accuracy [0, 1]).
 * `target` is the wanted number of intervals (fewer for short axes).
 */
export function makeAxis(lo: number, hi: number, opts: { log?: boolean; fixed?: boolean; target?: number } = {}): Axis {
  const target = opts.target ?? 5;
  if (opts.log) {
    const domain = opts.fixed && lo > 0 && hi > lo ? ([lo, hi] as const) : niceLogDomain(lo, hi);
    const ticks = logTicks(domain[0], domain[1]);
    return { domain, log: true, ticks, labels: ticks.map((t) => formatTick(t)), minor: logMinorTicks(domain[0], domain[1]) };
  }
  const domain = opts.fixed && hi > lo ? ([lo, hi] as const) : niceDomain(lo, hi, target);
  const ticks = linearTicks(domain[0], domain[1], target);
  const step = ticks.length >= 2 ? ticks[1]! - ticks[0]! : undefined;
  return { domain, log: false, ticks, labels: ticks.map((t) => formatTick(t, step)), minor: [] };
}

/** The fraction of the way along the axis at which `v` lies (0 at domain[0], 1 at domain[1]). */
export function axisFraction(axis: Axis, v: number): number {
  const [a, b] = axis.domain;
  return axis.log ? (Math.log10(v) - Math.log10(a)) / (Math.log10(b) - Math.log10(a)) : (v - a) / (b - a);
}

/** Pixel x of data value `v`. */
export function px(axis: Axis, frame: Frame, v: number): number {
  return frame.left + axisFraction(axis, v) * frame.width;
}

/** Pixel y of data value `v` (SVG y grows downwards, so domain[1] is at the top). */
export function py(axis: Axis, frame: Frame, v: number): number {
  return frame.top + (1 - axisFraction(axis, v)) * frame.height;
}

/** What the margins must make room for. */
export interface FrameText {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** The y tick labels, whose widest sets the left margin. */
  yTickLabels: readonly string[];
  /** The x tick labels: the last one, centred on the frame's right edge, may need a wider right margin. */
  xTickLabels?: readonly string[];
  fontSize: number;
  /** Extra room on the right (a legend or colour bar outside the plot). */
  rightExtra?: number;
}

/** The plot area left inside a `width` × `height` figure once the margins are reserved. */
export function layoutFrame(width: number, height: number, t: FrameText): Frame {
  const fs = t.fontSize;
  const top = t.title ? Math.round(fs * 2.4) : Math.round(fs * 0.9);
  const tickW = Math.max(0, ...t.yTickLabels.map((s) => textWidth(s, fs)));
  const left = Math.round(tickW + 10 + (t.yLabel ? fs * 1.9 : 0) + 6);
  const bottom = Math.round(fs * 1.9 + (t.xLabel ? fs * 1.7 : 0) + 4);
  const lastX = t.xTickLabels?.[t.xTickLabels.length - 1] ?? '';
  const right = Math.round(Math.max(fs * 1.2, textWidth(lastX, fs) / 2 + 4) + (t.rightExtra ?? 0));
  return { left, top, width: Math.max(10, width - left - right), height: Math.max(10, height - top - bottom) };
}

/** Grid lines at the major ticks, drawn before the data so the data sit on top. */
export function drawGrid(frame: Frame, x: Axis, y: Axis): string {
  const lines: string[] = [];
  for (const t of x.ticks) {
    const X = px(x, frame, t);
    lines.push(`M${X.toFixed(2)} ${frame.top}V${frame.top + frame.height}`);
  }
  for (const t of y.ticks) {
    const Y = py(y, frame, t);
    lines.push(`M${frame.left} ${Y.toFixed(2)}H${frame.left + frame.width}`);
  }
  return el('path', { d: lines.join(''), stroke: GRID, 'stroke-width': 1, fill: 'none' });
}

/**
 * The frame, outward ticks, tick labels and axis labels, drawn after the data so that
 * lines running along the frame do not hide it.
 */
export function drawAxes(frame: Frame, x: Axis, y: Axis, opts: { xLabel?: string; yLabel?: string; fontSize: number }): string {
  const fs = opts.fontSize;
  const { left, top, width, height } = frame;
  const bottom = top + height;
  const parts: string[] = [];
  const ticks: string[] = [];
  const tick = 5;
  const minor = 3;
  x.ticks.forEach((t, i) => {
    const X = px(x, frame, t);
    ticks.push(`M${X.toFixed(2)} ${bottom}v${tick}`);
    parts.push(text(X, bottom + tick + fs + 1, x.labels[i] ?? '', { 'text-anchor': 'middle' }));
  });
  for (const t of x.minor) ticks.push(`M${px(x, frame, t).toFixed(2)} ${bottom}v${minor}`);
  y.ticks.forEach((t, i) => {
    const Y = py(y, frame, t);
    ticks.push(`M${left} ${Y.toFixed(2)}h${-tick}`);
    // dy 0.35em centres the digits on the tick without relying on dominant-baseline support.
    parts.push(text(left - tick - 3, Y, y.labels[i] ?? '', { 'text-anchor': 'end', dy: '0.35em' }));
  });
  for (const t of y.minor) ticks.push(`M${left} ${py(y, frame, t).toFixed(2)}h${-minor}`);
  const ink = { stroke: INK, 'stroke-width': 1, fill: 'none' };
  const out = [
    el('rect', { x: left, y: top, width, height, ...ink }),
    el('path', { d: ticks.join(''), ...ink }),
    el('g', { fill: INK, 'font-size': fs }, parts.join('')),
  ];
  if (opts.xLabel) {
    out.push(text(left + width / 2, bottom + tick + fs * 2.6 + 2, opts.xLabel, { 'text-anchor': 'middle', 'font-size': fs, fill: INK }));
  }
  if (opts.yLabel) {
    const tickW = Math.max(0, ...y.labels.map((s) => textWidth(s, fs)));
    const X = left - tick - 3 - tickW - fs * 0.9;
    const Y = top + height / 2;
    out.push(text(X, Y, opts.yLabel, { 'text-anchor': 'middle', 'font-size': fs, fill: INK, transform: `rotate(-90 ${X.toFixed(2)} ${Y.toFixed(2)})` }));
  }
  return out.join('');
}

/** The figure title, centred over the plot area (relative to the frame, which may have been shrunk to an aspect ratio). */
export function drawTitle(frame: Frame, title: string | undefined, fontSize: number): string {
  if (!title) return '';
  return text(frame.left + frame.width / 2, frame.top - fontSize * 0.85, title, {
    'text-anchor': 'middle', 'font-size': Math.round(fontSize * 1.15), 'font-weight': 'bold', fill: INK,
  });
}
