/**
 * The data for a setting: training and test points, the rows of the training set that
 * form X̄, and the square of the plane to draw. Pure and deterministic in the settings,
 * so the page (for drawing) and the training worker (for training) each build their own
 * copy instead of shipping arrays between them.
 */
import { jitter, Rng, toy2d, twoSpirals, type PointSet } from './lib.js';
import type { Settings } from './settings.js';

/** Points per split for the toy sets (two-spirals has its fixed 194 + 194). */
export const TOY_POINTS = 200;

/** Half-width of the drawn square for two-spirals: the paper's figures show [-7, 7]^2. */
export const SPIRALS_EXTENT = 7;

/** The decision surface is sampled on a GRID x GRID lattice over the plane. */
export const GRID = 100;

export interface PlaygroundData {
  train: PointSet;
  test: PointSet;
  /** Indices into the training set of the X̄ rows, in order. */
  xbarRows: Int32Array;
  /** The plane shown is [-extent, extent]^2. */
  extent: number;
}

export function buildData(s: Settings): PlaygroundData {
  // Distinct seeds per split (and for the X̄ pick) so that test points are not training points.
  const seeds = { train: s.seed * 4 + 1, test: s.seed * 4 + 2, xbar: s.seed * 4 + 3 };
  let train: PointSet;
  let test: PointSet;
  if (s.data === 'spirals') {
    train = jitter(twoSpirals('train'), s.noise, seeds.train);
    test = jitter(twoSpirals('test'), s.noise, seeds.test);
  } else {
    train = toy2d(s.data, { n: TOY_POINTS, noise: s.noise, seed: seeds.train });
    test = toy2d(s.data, { n: TOY_POINTS, noise: s.noise, seed: seeds.test });
  }
  return { train, test, xbarRows: pickXbar(train.n, s, seeds.xbar), extent: extentOf(s, train, test) };
}

/** X̄ (paper sec. 3.1): the whole training set, its first k points, or a seeded random k. */
function pickXbar(n: number, s: Settings, seed: number): Int32Array {
  const k = s.xbarSize <= 0 ? n : Math.min(s.xbarSize, n);
  if (k === n || s.xbarPick === 'first') return Int32Array.from({ length: k }, (_, i) => i);
  return new Rng(seed).permutation(n).slice(0, k).sort();
}

/** [-7, 7]^2 for clean spirals as in the paper; otherwise the data's reach plus a margin. */
function extentOf(s: Settings, train: PointSet, test: PointSet): number {
  let reach = 0;
  for (const p of [train, test]) for (const v of p.x) reach = Math.max(reach, Math.abs(v));
  if (s.data === 'spirals') return Math.max(SPIRALS_EXTENT, Math.ceil(reach * 1.1));
  return Math.ceil(reach * 1.1 * 2) / 2;
}

/** Row-major [rows.length, 2] coordinates of the chosen rows. */
export function selectRows(points: PointSet, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length * 2);
  rows.forEach((r, i) => {
    out[2 * i] = points.x[2 * r];
    out[2 * i + 1] = points.x[2 * r + 1];
  });
  return out;
}

/** The centres of a size x size grid over [-extent, extent]^2, row 0 at the top (largest y). */
export function gridPoints(size: number, extent: number): Float32Array {
  const out = new Float32Array(size * size * 2);
  const cell = (2 * extent) / size;
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const i = 2 * (r * size + c);
      out[i] = -extent + (c + 0.5) * cell;
      out[i + 1] = extent - (r + 0.5) * cell;
    }
  }
  return out;
}
