/**
 * The line-chart legend: a boxed list of line samples and names in a corner of the plot,
 * by default the corner where it hides the least data (learning curves fall, accuracies
 * rise, so the free corner differs from chart to chart).
 */
import type { Frame } from './axes.js';
import { INK, el, text, textWidth } from './svg.js';

/** A legend corner inside the plot area. */
export type LegendPlacement = 'top-right' | 'top-left' | 'bottom-right' | 'bottom-left';

/** One legend row, styled like its series. */
export interface LegendEntry {
  name: string;
  colour: string;
  dashed?: boolean;
  band?: boolean;
  marker?: boolean;
}

/** A box in pixels. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Corners in order of preference when several are equally free. */
const CORNERS: readonly LegendPlacement[] = ['top-right', 'top-left', 'bottom-right', 'bottom-left'];
const SAMPLE = 24;
const PAD = 8;

/** The legend's size for these entries. */
function legendSize(entries: readonly LegendEntry[], fs: number): { width: number; height: number } {
  const w = Math.max(...entries.map((e) => textWidth(e.name, fs)));
  return { width: PAD + SAMPLE + 7 + w + PAD, height: PAD + entries.length * fs * 1.45 - fs * 0.2 + PAD - 2 };
}

/** The legend box placed in `corner`, inset from the frame. */
function boxAt(corner: LegendPlacement, frame: Frame, size: { width: number; height: number }): Box {
  const inset = 8;
  const x = corner.endsWith('left') ? frame.left + inset : frame.left + frame.width - inset - size.width;
  const y = corner.startsWith('top') ? frame.top + inset : frame.top + frame.height - inset - size.height;
  return { x, y, ...size };
}

/** True when segment a-b meets the box (Liang-Barsky clipping against its four sides). */
function segmentHitsBox(ax: number, ay: number, bx: number, by: number, box: Box): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = bx - ax;
  const dy = by - ay;
  const sides: Array<[number, number]> = [
    [-dx, ax - box.x], [dx, box.x + box.width - ax], [-dy, ay - box.y], [dy, box.y + box.height - ay],
  ];
  for (const [p, q] of sides) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 > t1) return false;
    }
  }
  return true;
}

/** How many polyline segments (or isolated points) the box would hide. */
function overlap(box: Box, polylines: ReadonlyArray<ReadonlyArray<readonly [number, number]>>): number {
  let n = 0;
  for (const line of polylines) {
    if (line.length === 1) {
      const [x, y] = line[0]!;
      if (segmentHitsBox(x, y, x, y, box)) n++;
    }
    for (let i = 1; i < line.length; i++) {
      const [ax, ay] = line[i - 1]!;
      const [bx, by] = line[i]!;
      if (segmentHitsBox(ax, ay, bx, by, box)) n++;
    }
  }
  return n;
}

/**
 * The legend box: in the requested corner, or for 'auto' in the corner whose box meets the
 * fewest drawn segments (`polylines` are the series and band edges in pixels).
 */
export function placeLegend(
  entries: readonly LegendEntry[],
  frame: Frame,
  fs: number,
  where: LegendPlacement | 'auto',
  polylines: ReadonlyArray<ReadonlyArray<readonly [number, number]>>,
): Box {
  const size = legendSize(entries, fs);
  if (where !== 'auto') return boxAt(where, frame, size);
  let best = boxAt(CORNERS[0]!, frame, size);
  let bestHits = Infinity;
  for (const corner of CORNERS) {
    const box = boxAt(corner, frame, size);
    const hits = overlap(box, polylines);
    if (hits < bestHits) [best, bestHits] = [box, hits];
  }
  return best;
}

/** The legend: a translucent white box (data behind it stay faintly visible) with one row per entry. */
export function drawLegend(box: Box, entries: readonly LegendEntry[], fs: number): string {
  const rows: string[] = [
    el('rect', { x: box.x, y: box.y, width: box.width, height: box.height, rx: 3, fill: '#ffffff', 'fill-opacity': 0.88, stroke: '#bbbbbb', 'stroke-width': 0.8 }),
  ];
  entries.forEach((e, i) => {
    const cy = box.y + PAD + fs * 0.5 + i * fs * 1.45;
    const x0 = box.x + PAD;
    if (e.band) {
      rows.push(el('rect', { x: x0, y: cy - fs * 0.4, width: SAMPLE, height: fs * 0.8, fill: e.colour, 'fill-opacity': 0.18 }));
    }
    rows.push(el('path', {
      d: `M${x0} ${cy}h${SAMPLE}`, stroke: e.colour, 'stroke-width': 1.8, 'stroke-linecap': 'round',
      'stroke-dasharray': e.dashed ? '6 4' : undefined,
    }));
    if (e.marker) rows.push(el('circle', { cx: x0 + SAMPLE / 2, cy, r: 3.2, fill: e.colour, stroke: '#ffffff', 'stroke-width': 0.8 }));
    rows.push(text(x0 + SAMPLE + 7, cy, e.name, { dy: '0.35em', 'font-size': fs, fill: INK }));
  });
  return el('g', {}, rows.join(''));
}
