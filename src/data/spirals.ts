/**
 * The two-spirals benchmark of the paper's experiment E1 (sec. 4.1), generated exactly as
 * the reference CSV files (shared/data/two-spirals): for t = i + offset, i = 0..96,
 * theta = t pi / 16, r = 0.65 + t (6.5 - 0.65) / 96, points (r cos theta, r sin theta)
 * with label 0 and (-x, -y) with label 1; offset 0 for training, 0.5 for the test set.
 */

export interface PointSet {
  /** Row-major [n, 2] coordinates. */
  x: Float32Array;
  /** Labels 0/1 [n]. */
  y: Int32Array;
  n: number;
}

/** Raw float64 points as the reference generator computes them, before any rounding. */
export function spiralPoints(split: 'train' | 'test'): { xy: number[][]; labels: number[] } {
  const offset = split === 'train' ? 0 : 0.5;
  const xy: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i <= 96; i++) {
    const t = i + offset;
    const theta = (t * Math.PI) / 16;
    const r = 0.65 + (t * (6.5 - 0.65)) / 96;
    const x = r * Math.cos(theta);
    const y = r * Math.sin(theta);
    xy.push([x, y], [-x, -y]);
    labels.push(0, 1);
  }
  return { xy, labels };
}

/** The 194 training or test points as float32 data. */
export function twoSpirals(split: 'train' | 'test'): PointSet {
  const { xy, labels } = spiralPoints(split);
  return { x: Float32Array.from(xy.flat()), y: Int32Array.from(labels), n: labels.length };
}

/** A number as the reference CSVs write it: 6 decimals, trailing zeros dropped, `-0` kept. */
function formatNumber(v: number): string {
  const r = Number(v.toFixed(6));
  // Python writes negative zero (and negatives that round to zero) as -0.
  return r === 0 && (v < 0 || Object.is(v, -0)) ? '-0' : String(r);
}

/** The reference CSV text (`x, y, label` lines; the test file ends with an extra empty line). */
export function spiralsCsv(split: 'train' | 'test'): string {
  const { xy, labels } = spiralPoints(split);
  const lines = xy.map(([x, y], i) => `${formatNumber(x)}, ${formatNumber(y)}, ${labels[i]}\n`);
  return lines.join('') + (split === 'test' ? '\n' : '');
}
