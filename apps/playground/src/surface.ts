/**
 * The decision surface: a heat map of P(class 1) over the plane with the training points
 * (filled) and test points (rings) on top. The GRID x GRID probabilities are painted into
 * a small bitmap and scaled up with smoothing, which costs the same at any display size.
 */
import type { PointSet } from './lib.js';

/** Class colours (orange = class 0, blue = class 1), also used by the charts' legend. */
export const CLASS_RGB: readonly (readonly [number, number, number])[] = [
  [245, 147, 34],
  [8, 119, 189],
];
const MID_RGB = [232, 234, 237] as const;

/** Colour for a probability of class 1: class 0's colour through light grey to class 1's. */
export function probabilityColour(p: number): [number, number, number] {
  const q = Math.min(1, Math.max(0, Number.isFinite(p) ? p : 0.5));
  const [from, t] = q < 0.5 ? [CLASS_RGB[0], (0.5 - q) * 2] : [CLASS_RGB[1], (q - 0.5) * 2];
  // Keep the extremes paler than the points so the points stay visible on them.
  const k = 0.75 * t;
  return [0, 1, 2].map((c) => Math.round(MID_RGB[c] + (from[c] - MID_RGB[c]) * k)) as [number, number, number];
}

export interface SurfaceScene {
  /** P(class 1), row-major gridSize x gridSize, row 0 at the top; null draws a blank plane. */
  surface: Float32Array | null;
  gridSize: number;
  extent: number;
  train: PointSet;
  test: PointSet;
}

const bitmaps = new WeakMap<HTMLCanvasElement, HTMLCanvasElement>();

/** Paint a scene into the canvas (sized to its CSS box times the device pixel ratio). */
export function drawSurface(canvas: HTMLCanvasElement, scene: SurfaceScene): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser gives no 2D canvas context: cannot draw the decision surface.');
  const { width: w, height: h } = canvas;
  if (scene.surface) {
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(heatBitmap(canvas, scene.surface, scene.gridSize), 0, 0, w, h);
  } else {
    ctx.fillStyle = `rgb(${MID_RGB.join(',')})`;
    ctx.fillRect(0, 0, w, h);
  }
  const scale = w / (2 * scene.extent);
  const toPx = (x: number, y: number) => [(x + scene.extent) * scale, (scene.extent - y) * (h / (2 * scene.extent))] as const;
  const r = Math.max(2, w / 110);
  drawPoints(ctx, scene.test, toPx, r, false);
  drawPoints(ctx, scene.train, toPx, r, true);
}

function heatBitmap(canvas: HTMLCanvasElement, surface: Float32Array, size: number): HTMLCanvasElement {
  let bitmap = bitmaps.get(canvas);
  if (!bitmap || bitmap.width !== size) {
    bitmap = document.createElement('canvas');
    bitmap.width = size;
    bitmap.height = size;
    bitmaps.set(canvas, bitmap);
  }
  const bctx = bitmap.getContext('2d')!;
  const img = bctx.createImageData(size, size);
  for (let i = 0; i < size * size; i++) {
    const [red, green, blue] = probabilityColour(surface[i]);
    img.data[4 * i] = red;
    img.data[4 * i + 1] = green;
    img.data[4 * i + 2] = blue;
    img.data[4 * i + 3] = 255;
  }
  bctx.putImageData(img, 0, 0);
  return bitmap;
}

function drawPoints(
  ctx: CanvasRenderingContext2D,
  points: PointSet,
  toPx: (x: number, y: number) => readonly [number, number],
  r: number,
  filled: boolean,
): void {
  ctx.lineWidth = Math.max(1, r / 2.5);
  for (let i = 0; i < points.n; i++) {
    const [px, py] = toPx(points.x[2 * i], points.x[2 * i + 1]);
    const rgb = `rgb(${CLASS_RGB[points.y[i]].join(',')})`;
    ctx.beginPath();
    ctx.arc(px, py, filled ? r : r * 0.8, 0, 2 * Math.PI);
    if (filled) {
      ctx.fillStyle = rgb;
      ctx.fill();
      ctx.strokeStyle = 'white';
    } else {
      ctx.strokeStyle = rgb;
    }
    ctx.stroke();
  }
}
