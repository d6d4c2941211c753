/**
 * The two-colour map of the decision surfaces: P(class 1) = 0 is a tint of the class-0
 * colour, 0.5 is white (so the decision boundary shows as a pale ridge), 1 a tint of the
 * class-1 colour; and the rasteriser that turns a probability grid into RGBA pixels.
 *
 * The class colours are purple and orange (ColorBrewer PuOr, safe for colour-blind readers)
 * rather than red and blue, which every figure reserves for target and weight space.
 */

/** An sRGB colour with 0..255 channels. */
export type Rgb = readonly [number, number, number];

/** Class 0 and class 1 point colours. */
export const CLASS_COLOURS: readonly [string, string] = ['#5e3c99', '#e66101'];

/** How far the map's ends are mixed towards white, so that class-coloured points stand out on them. */
const TINT = 0.45;

/** Parses `#rgb` or `#rrggbb` (the only forms the plots use; others are an error, not a guess). */
export function parseHex(colour: string): Rgb {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim());
  if (!m) throw new Error(`colour must be #rgb or #rrggbb, got '${colour}'`);
  const h = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
}

/** `#rrggbb` for an Rgb (channels rounded and clamped). */
export function toHex(c: Rgb): string {
  return `#${c.map((v) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, '0')).join('')}`;
}

/** Linear mix: t = 0 gives a, t = 1 gives b. */
function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

const WHITE: Rgb = [255, 255, 255];

/** A colour map for a pair of class colours: p in [0, 1] (clamped) -> Rgb. */
export function twoColourMap(colours: readonly [string, string] = CLASS_COLOURS): (p: number) => Rgb {
  const lo = mix(parseHex(colours[0]), WHITE, TINT);
  const hi = mix(parseHex(colours[1]), WHITE, TINT);
  return (p) => {
    const q = Math.min(1, Math.max(0, p));
    return q < 0.5 ? mix(lo, WHITE, q * 2) : mix(WHITE, hi, q * 2 - 1);
  };
}

/**
 * RGBA pixels (`outW` × `outH`, row-major, top row first) of a probability grid stretched
 * over the same extent, bilinearly interpolated between grid-cell centres (clamped at the
 * border) so that a coarse grid still gives a smooth map and a smooth boundary. NaN
 * probabilities, and pixels that would blend with one, are transparent.
 * @param grid P(class 1), `rows` × `cols`, row-major with row 0 at the top (largest y).
 */
export function rasterise(
  grid: ArrayLike<number>,
  rows: number,
  cols: number,
  outW: number,
  outH: number,
  map: (p: number) => Rgb,
): Uint8ClampedArray {
  const out = new Uint8ClampedArray(outW * outH * 4);
  // Precompute the horizontal interpolation indices and weights once per column.
  const c0 = new Int32Array(outW);
  const cw = new Float64Array(outW);
  for (let j = 0; j < outW; j++) {
    const g = Math.min(cols - 1, Math.max(0, ((j + 0.5) * cols) / outW - 0.5));
    c0[j] = Math.min(cols - 2, Math.floor(g));
    cw[j] = g - c0[j]!;
  }
  for (let i = 0; i < outH; i++) {
    const g = Math.min(rows - 1, Math.max(0, ((i + 0.5) * rows) / outH - 0.5));
    const r0 = Math.min(rows - 2, Math.floor(g));
    const rw = g - r0;
    for (let j = 0; j < outW; j++) {
      let p: number;
      if (rows === 1 || cols === 1) {
        // Degenerate grids: nearest cell (bilinear needs two samples per direction).
        p = Number(grid[Math.min(rows - 1, Math.floor((i * rows) / outH)) * cols + Math.min(cols - 1, Math.floor((j * cols) / outW))]);
      } else {
        const a = c0[j]!;
        const w = cw[j]!;
        const top = Number(grid[r0 * cols + a]) * (1 - w) + Number(grid[r0 * cols + a + 1]) * w;
        const bot = Number(grid[(r0 + 1) * cols + a]) * (1 - w) + Number(grid[(r0 + 1) * cols + a + 1]) * w;
        p = top * (1 - rw) + bot * rw;
      }
      const k = (i * outW + j) * 4;
      if (Number.isNaN(p)) continue; // stays transparent
      const [r, gg, b] = map(p);
      out[k] = r;
      out[k + 1] = gg;
      out[k + 2] = b;
      out[k + 3] = 255;
    }
  }
  return out;
}
