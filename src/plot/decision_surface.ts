/**
 * Decision surfaces of 2-D binary classifiers (the two-spirals figures): P(class 1) over
 * the input plane as a smooth two-colour map, the p = 0.5 boundary as a line, the training
 * points as filled discs and the test points as rings, with axes and a colour bar.
 *
 * Grid orientation, the one convention callers must follow: `grid[r * cols + c]` is the
 * network's output at the centre of cell (r, c) of a rows × cols tiling of the extent, i.e.
 *   x = xmin + (c + 0.5) (xmax - xmin) / cols,   y = ymax - (r + 0.5) (ymax - ymin) / rows,
 * so row 0 is the TOP row (largest y) and column 0 the left (smallest x), like an image.
 * {@link gridInputs} produces exactly these inputs.
 *
 * The map is embedded as a raster image when an `encoder` is given (RGBA -> data URI:
 * `pngDataUri` from src/node/png.ts in Node; in a browser, a canvas's `toDataURL`), upsampled
 * bilinearly to the plot size so it looks the same in every renderer. Without an encoder
 * each grid cell becomes an SVG rectangle: pure SVG that needs no image codec anywhere,
 * exact but blocky, so use it with fine grids or where no encoder is at hand.
 */
import { drawAxes, drawTitle, layoutFrame, makeAxis, type Frame } from './axes.js';
import { CLASS_COLOURS, rasterise, toHex, twoColourMap } from './colour_map.js';
import { isoSegments } from './contour.js';
import { ID, INK, el, num, svgDocument, text } from './svg.js';

export { sideBySide } from './compose.js';

/** Labelled 2-D points: `x` row-major [n, 2] coordinates, `y` labels 0/1 (the `PointSet` shape). */
export interface LabelledPoints {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

/** RGBA pixels (row-major, top row first) -> an image URL, normally a `data:image/png;base64,…` URI. */
export type RasterEncoder = (rgba: Uint8ClampedArray, width: number, height: number) => string;

/** The plane region [xmin, xmax, ymin, ymax]. */
export type Extent = readonly [xmin: number, xmax: number, ymin: number, ymax: number];

/** What to draw; see the module comment for the grid orientation. Sizes are CSS pixels. */
export interface DecisionSurfaceSpec {
  /** P(class 1) per cell, `rows` × `cols`, row 0 at the top (y max). NaN cells are left blank. */
  grid: ArrayLike<number>;
  rows: number;
  cols: number;
  extent: Extent;
  /** Training points, drawn as filled discs. */
  train?: LabelledPoints;
  /** Test points, drawn as rings. */
  test?: LabelledPoints;
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** Figure width (default 460). */
  width?: number;
  /** Figure height (default 420). */
  height?: number;
  /** Raster encoder for a smooth embedded image; without one the grid is drawn as rectangles. */
  encoder?: RasterEncoder;
  /** Class 0 and class 1 colours (#rrggbb); default purple and orange. */
  classColours?: readonly [string, string];
  /** Draw the p = 0.5 contour (default true). */
  boundary?: boolean;
  /** Keep one data unit equally long on both axes (default true: spirals stay round). */
  equalAspect?: boolean;
  /** Base font size (default 13). */
  fontSize?: number;
}

/**
 * The inputs at which to evaluate the classifier for a grid in this module's orientation:
 * row-major [rows * cols, 2] (x, y) pairs, ready to be a network's input batch.
 */
export function gridInputs(extent: Extent, rows: number, cols: number): Float32Array {
  const [x0, x1, y0, y1] = extent;
  const out = new Float32Array(rows * cols * 2);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      out[(r * cols + c) * 2] = x0 + ((c + 0.5) * (x1 - x0)) / cols;
      out[(r * cols + c) * 2 + 1] = y1 - ((r + 0.5) * (y1 - y0)) / rows;
    }
  }
  return out;
}

/** The frame shrunk (and centred) so that it has the extent's aspect ratio. */
function equalise(frame: Frame, extent: Extent): Frame {
  const aspect = (extent[1] - extent[0]) / (extent[3] - extent[2]);
  if (!(aspect > 0) || !Number.isFinite(aspect)) return frame;
  const width = Math.min(frame.width, frame.height * aspect);
  const height = width / aspect;
  return { left: frame.left, top: frame.top + (frame.height - height) / 2, width, height };
}

/** The probability map: one image, or one rectangle per run of equal-coloured cells in a row. */
function drawMap(spec: DecisionSurfaceSpec, frame: Frame, map: ReturnType<typeof twoColourMap>): string {
  const { grid, rows, cols } = spec;
  if (spec.encoder) {
    // Interpolate P before colouring (a renderer scaling an image of colours would blend
    // purple and orange through the map's white band into blotches), up to 4 raster pixels
    // per cell and at most one per CSS pixel: beyond that the renderer's own smooth scaling
    // is indistinguishable and the data URI only grows (smooth gradients compress poorly).
    const w = Math.max(cols, Math.min(Math.round(frame.width), cols * 4));
    const h = Math.max(rows, Math.min(Math.round(frame.height), rows * 4));
    const href = spec.encoder(rasterise(grid, rows, cols, w, h, map), w, h);
    return el('image', { x: frame.left, y: frame.top, width: frame.width, height: frame.height, preserveAspectRatio: 'none', href });
  }
  const cw = frame.width / cols;
  const ch = frame.height / rows;
  // P quantised to 1/128 (invisible: under 2 channel levels per step) so that runs of
  // nearly equal cells merge into one rectangle and the document stays small.
  const colourAt = (c: number, r: number): string => {
    const p = Number(grid[r * cols + c]);
    return Number.isNaN(p) ? '' : toHex(map(Math.round(p * 128) / 128));
  };
  const rects: string[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols;) {
      const colour = colourAt(c, r);
      let end = c + 1;
      while (end < cols && colourAt(end, r) === colour) end++;
      // A hair of overlap hides the anti-aliasing seams between adjacent rectangles.
      if (colour) rects.push(el('rect', { x: frame.left + c * cw, y: frame.top + r * ch, width: (end - c) * cw + 0.3, height: ch + 0.3, fill: colour }));
      c = end;
    }
  }
  return el('g', {}, rects.join(''));
}

/** Points as discs (train) or rings (test) in their class colour. */
function drawPoints(pts: LabelledPoints, filled: boolean, frame: Frame, extent: Extent, colours: readonly [string, string]): string {
  const [x0, x1, y0, y1] = extent;
  const out: string[] = [];
  for (let i = 0; i < pts.y.length; i++) {
    const x = Number(pts.x[2 * i]);
    const y = Number(pts.x[2 * i + 1]);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const colour = colours[Number(pts.y[i]) >= 0.5 ? 1 : 0];
    const cx = frame.left + ((x - x0) / (x1 - x0)) * frame.width;
    const cy = frame.top + ((y1 - y) / (y1 - y0)) * frame.height;
    out.push(filled
      ? el('circle', { cx, cy, r: 3.4, fill: colour, stroke: '#ffffff', 'stroke-width': 0.7 })
      : el('circle', { cx, cy, r: 3.4, fill: 'none', stroke: colour, 'stroke-width': 1.6 }));
  }
  return out.join('');
}

/** The colour bar with 0 / 0.5 / 1 ticks, and under it the train/test marker key. */
function drawKey(frame: Frame, map: ReturnType<typeof twoColourMap>, colours: readonly [string, string], fs: number, spec: DecisionSurfaceSpec): string {
  const x = frame.left + frame.width + fs * 1.2;
  const barH = Math.min(frame.height, Math.max(80, frame.height * 0.55));
  const y = frame.top;
  const stops = [0, 0.5, 1].map((p) => el('stop', { offset: p, 'stop-color': toHex(map(p)) })).join('');
  const out = [
    el('linearGradient', { id: `${ID}g`, x1: 0, y1: 1, x2: 0, y2: 0 }, stops),
    el('rect', { x, y, width: 12, height: barH, fill: `url(#${ID}g)`, stroke: INK, 'stroke-width': 0.8 }),
  ];
  for (const p of [0, 0.5, 1]) {
    const Y = y + (1 - p) * barH;
    out.push(el('path', { d: `M${num(x + 12)} ${num(Y)}h4`, stroke: INK, 'stroke-width': 0.8 }));
    out.push(text(x + 19, Y, p === 0.5 ? '0.5' : String(p), { dy: '0.35em', 'font-size': fs * 0.85, fill: INK }));
  }
  const lx = x + 48;
  const ly = y + barH / 2;
  out.push(text(lx, ly, 'P(class 1)', { 'text-anchor': 'middle', 'font-size': fs * 0.85, fill: INK, transform: `rotate(-90 ${num(lx)} ${num(ly)})` }));
  let ky = y + barH + fs * 1.6;
  for (const [label, filled, set] of [['train', true, spec.train], ['test', false, spec.test]] as const) {
    if (!set) continue;
    out.push(filled
      ? el('circle', { cx: x + 6, cy: ky, r: 3.4, fill: INK })
      : el('circle', { cx: x + 6, cy: ky, r: 3.4, fill: 'none', stroke: INK, 'stroke-width': 1.6 }));
    out.push(text(x + 15, ky, label, { dy: '0.35em', 'font-size': fs * 0.85, fill: INK }));
    ky += fs * 1.4;
  }
  return out.join('');
}

/** A decision surface as a standalone SVG document (see {@link DecisionSurfaceSpec}). */
export function decisionSurface(spec: DecisionSurfaceSpec): string {
  const { rows, cols, extent } = spec;
  if (!(rows >= 1 && cols >= 1) || spec.grid.length !== rows * cols) {
    throw new Error(`decisionSurface: grid has ${spec.grid.length} values, expected rows*cols = ${rows}*${cols}`);
  }
  if (!(extent[1] > extent[0] && extent[3] > extent[2])) throw new Error(`decisionSurface: empty extent [${extent.join(', ')}]`);
  const width = spec.width ?? 460;
  const height = spec.height ?? 420;
  const fs = spec.fontSize ?? 13;
  const colours = spec.classColours ?? CLASS_COLOURS;
  const map = twoColourMap(colours);
  const yAxis = makeAxis(extent[2], extent[3], { fixed: true });
  let frame = layoutFrame(width, height, { ...spec, yTickLabels: yAxis.labels, fontSize: fs, rightExtra: fs * 5.2 });
  if (spec.equalAspect ?? true) frame = equalise(frame, extent);
  const xAxis = makeAxis(extent[0], extent[1], { fixed: true, target: frame.width < 250 ? 4 : 5 });

  const clip = el('rect', { x: frame.left, y: frame.top, width: frame.width, height: frame.height });
  const body = [`<clipPath id="${ID}c">${clip}</clipPath>`];
  const inside: string[] = [drawMap(spec, frame, map)];
  if (spec.boundary ?? true) {
    const toPx = ([c, r]: readonly [number, number]): string =>
      `${num(frame.left + ((c + 0.5) / cols) * frame.width)} ${num(frame.top + ((r + 0.5) / rows) * frame.height)}`;
    const d = isoSegments(spec.grid, rows, cols, 0.5).map(([a, b]) => `M${toPx(a)}L${toPx(b)}`).join('');
    if (d) inside.push(el('path', { d, fill: 'none', stroke: INK, 'stroke-width': 1, 'stroke-opacity': 0.55, 'stroke-linecap': 'round' }));
  }
  if (spec.test) inside.push(drawPoints(spec.test, false, frame, extent, colours));
  if (spec.train) inside.push(drawPoints(spec.train, true, frame, extent, colours));
  body.push(el('g', { 'clip-path': `url(#${ID}c)` }, inside.join('')));
  body.push(drawAxes(frame, xAxis, yAxis, { xLabel: spec.xLabel, yLabel: spec.yLabel, fontSize: fs }));
  body.push(drawTitle(frame, spec.title, fs));
  body.push(drawKey(frame, map, colours, fs, spec));
  return svgDocument(width, height, body.join('\n'));
}
