/**
 * Tiny helpers shared by the plotting module: XML escaping, compact number output,
 * element building, the SVG document wrapper, deterministic ids and the colour palette.
 *
 * The plots are plain SVG strings so that the same code draws in the browser playground
 * (inline `<svg>` or an `<img>` data URI) and in Node (rasterised by src/node/png.ts).
 * Nothing here touches the DOM or Node APIs.
 */
import type { Space } from '../train/model.js';

export { linearTicks, logTicks, niceStep, niceDomain, niceLogDomain, formatTick } from './ticks.js';

/** The font stack: DejaVu Sans first because it is what src/node/png.ts renders with. */
export const FONT_FAMILY = "'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif";

/** Ink for text, axes and frames: near-black reads softer than #000 in print. */
export const INK = '#222222';
/** Grid lines: light enough to sit behind the data. */
export const GRID = '#e3e3e3';

/** One colour per training space, used consistently by every figure (target red, weight blue). */
export const SPACE_COLOURS: Readonly<Record<Space, string>> = { target: '#d62728', weight: '#1f77b4' };

/**
 * Series colours (the Tableau 10 / matplotlib order, but target red and weight blue first so
 * that a two-series target-vs-weight chart gets the space colours without asking).
 */
export const PALETTE: readonly string[] = [
  '#d62728', '#1f77b4', '#2ca02c', '#ff7f0e', '#9467bd',
  '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf',
];

/** The colour of a training space. */
export function spaceColour(space: Space): string {
  return SPACE_COLOURS[space];
}

/** The i-th series colour, cycling through {@link PALETTE}. */
export function seriesColour(i: number): string {
  return PALETTE[((i % PALETTE.length) + PALETTE.length) % PALETTE.length]!;
}

/**
 * Text made safe for XML content and attribute values. Control characters other than tab and
 * newlines are dropped because XML 1.0 forbids them (a stray one would make the whole
 * document unparseable); this also frees U+0001 for {@link withContentIds}' placeholder.
 */
export function escapeXml(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * A coordinate for an attribute or path: at most `digits` decimals, trailing zeros dropped,
 * so documents stay small (a 4000-point learning curve is one path). Non-finite becomes 0
 * so that a bad value can never produce the invalid token "NaN" inside a path.
 */
export function num(v: number, digits = 2): string {
  if (!Number.isFinite(v)) return '0';
  const r = Number(v.toFixed(digits));
  return String(Object.is(r, -0) ? 0 : r);
}

/** Attribute values: strings are escaped, numbers go through {@link num}, undefined/false omit the attribute. */
export type Attrs = Record<string, string | number | undefined | false>;

/** One element as a string; `children` is raw (already escaped) markup, or text via {@link escapeXml}. */
export function el(name: string, attrs: Attrs = {}, children?: string): string {
  let s = `<${name}`;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    // Id placeholders survive so that `url(#…)` references can be built with el() too.
    s += ` ${k}="${typeof v === 'number' ? num(v) : v.split(ID).map(escapeXml).join(ID)}"`;
  }
  return children === undefined ? `${s}/>` : `${s}>${children}</${name}>`;
}

/** A text element: the content is escaped here, so callers pass plain strings. */
export function text(x: number, y: number, content: string, attrs: Attrs = {}): string {
  return el('text', { x, y, ...attrs }, escapeXml(content));
}

/**
 * Rough rendered width of `s` in DejaVu Sans at `fontSize`: SVG strings cannot measure text,
 * and margins and legend boxes only need to be about right. DejaVu averages ~0.6 em for
 * digits and lower case; capitals and wide letters are counted wider.
 */
export function textWidth(s: string, fontSize: number): number {
  let em = 0;
  for (const ch of s) {
    if (/[MW@%mw]/.test(ch)) em += 0.9;
    else if (/[A-Z]/.test(ch)) em += 0.7;
    else if (/[ilj.,:;'|!()[\]\s]/.test(ch)) em += 0.32;
    else em += 0.6;
  }
  return em * fontSize;
}

/**
 * The placeholder that {@link withContentIds} replaces with a content hash: a character that
 * XML forbids, so it can never come from escaped user text.
 */
export const ID = '\u0001';

/**
 * Replaces every {@link ID} placeholder with an id derived from the document's content.
 * Ids must be unique within a page (several charts inlined in one HTML page, or composed
 * by `sideBySide`), yet a counter would make output depend on call order; a hash of the
 * content gives different ids to different charts and the same output for the same input.
 * Two identical charts share ids, which is harmless because their definitions are identical.
 */
export function withContentIds(markup: string): string {
  // FNV-1a, 32-bit: tiny and good enough to tell charts apart.
  let h = 0x811c9dc5;
  for (let i = 0; i < markup.length; i++) {
    h ^= markup.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  const id = `ts${(h >>> 0).toString(36)}`;
  return markup.split(ID).join(id);
}

/**
 * A standalone SVG document of `width` x `height` user units (= CSS px) with a white
 * background, so that PNGs are never transparent and dark-mode viewers still show black text.
 */
export function svgDocument(width: number, height: number, body: string): string {
  const doc = el('svg', {
    xmlns: 'http://www.w3.org/2000/svg',
    width,
    height,
    viewBox: `0 0 ${num(width)} ${num(height)}`,
    'font-family': FONT_FAMILY,
  }, el('rect', { width: '100%', height: '100%', fill: '#ffffff' }) + body);
  return withContentIds(`<?xml version="1.0" encoding="UTF-8"?>\n${doc}\n`);
}
