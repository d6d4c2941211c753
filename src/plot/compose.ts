/**
 * Composition of finished SVG documents into one figure, e.g. the target-space and
 * weight-space decision surfaces next to each other.
 */
import { INK, el, num, svgDocument, text } from './svg.js';

/** Layout options for {@link sideBySide}. */
export interface SideBySideOptions {
  /** Horizontal gap between panels in CSS pixels (default 8). */
  gap?: number;
  /** A title over the whole figure. */
  title?: string;
  /** Base font size for the panel and figure titles (default 13). */
  fontSize?: number;
}

/** A parsed standalone SVG document: its size, root attributes and inner markup. */
interface Panel {
  width: number;
  height: number;
  attrs: Array<[string, string]>;
  inner: string;
}

/** Splits an SVG document (as this module writes it, or any with numeric width/height or a viewBox). */
function parsePanel(svg: string, index: number): Panel {
  const open = /<svg\b([^>]*?)(\/?)>/.exec(svg);
  if (!open) throw new Error(`sideBySide: document ${index} has no <svg> root`);
  const attrs = [...open[1]!.matchAll(/([\w:-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)].map((m): [string, string] => [m[1]!, m[3] ?? m[4] ?? '']);
  const get = (k: string): string | undefined => attrs.find(([a]) => a === k)?.[1];
  const viewBox = get('viewBox')?.trim().split(/[\s,]+/).map(Number);
  const width = parseFloat(get('width') ?? '') || viewBox?.[2] || NaN;
  const height = parseFloat(get('height') ?? '') || viewBox?.[3] || NaN;
  if (!(width > 0 && height > 0)) throw new Error(`sideBySide: document ${index} has no usable width/height or viewBox`);
  const start = open.index + open[0].length;
  const end = open[2] ? start : svg.lastIndexOf('</svg>');
  return { width, height, attrs, inner: svg.slice(start, end) };
}

/**
 * Several SVG documents laid out left to right in one SVG document, tops aligned, each
 * with an optional panel title above it. Each panel becomes a nested `<svg>` keeping its own
 * viewBox and styling; ids do not clash because this module's documents derive their ids
 * from their content (identical panels share identical definitions).
 */
export function sideBySide(svgs: readonly string[], titles?: readonly string[], opts: SideBySideOptions = {}): string {
  const panels = svgs.map(parsePanel);
  const gap = opts.gap ?? 8;
  const fs = opts.fontSize ?? 13;
  const figureTitleH = opts.title ? Math.round(fs * 2.2) : 0;
  const panelTitleH = titles?.some((t) => t) ? Math.round(fs * 1.9) : 0;
  const width = panels.reduce((w, p) => w + p.width, 0) + gap * Math.max(0, panels.length - 1);
  const height = figureTitleH + panelTitleH + Math.max(0, ...panels.map((p) => p.height));
  const body: string[] = [];
  if (opts.title) {
    body.push(text(width / 2, fs * 1.55, opts.title, { 'text-anchor': 'middle', 'font-size': Math.round(fs * 1.25), 'font-weight': 'bold', fill: INK }));
  }
  let x = 0;
  panels.forEach((p, i) => {
    const title = titles?.[i];
    if (title) {
      body.push(text(x + p.width / 2, figureTitleH + fs * 1.3, title, { 'text-anchor': 'middle', 'font-size': Math.round(fs * 1.15), 'font-weight': 'bold', fill: INK }));
    }
    // Keep the panel's own attributes (viewBox, font-family…) but place and size it here.
    const kept = p.attrs.filter(([k]) => !['x', 'y', 'width', 'height', 'xmlns'].includes(k));
    const attrs: Record<string, string | number> = { x: num(x), y: figureTitleH + panelTitleH, width: p.width, height: p.height };
    for (const [k, v] of kept) attrs[k] = v;
    if (!('viewBox' in attrs)) attrs.viewBox = `0 0 ${num(p.width)} ${num(p.height)}`;
    // Attribute values come back escaped from the parse; unescape so el() does not double-escape.
    for (const k of Object.keys(attrs)) {
      const v = attrs[k];
      if (typeof v === 'string') attrs[k] = v.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    }
    body.push(el('svg', attrs, p.inner));
    x += p.width + gap;
  });
  return svgDocument(width, height, body.join('\n'));
}
