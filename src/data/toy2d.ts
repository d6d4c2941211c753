/**
 * Seeded two-class toy data sets in the plane, for the playground and quick checks
 * beside the paper's two-spirals benchmark (sec. 4.1): concentric circles, XOR
 * (opposite quadrants) and two Gaussian blobs. They span about [-6, 6]^2, the same
 * scale as two-spirals, so one network and one set of defaults fit all of them.
 *
 * Classes alternate (point i has label i mod 2), so every set is balanced exactly.
 * `noise` is the standard deviation of Gaussian jitter added to each coordinate after
 * the label is fixed, so a large noise makes the classes overlap (as in the
 * TensorFlow playground); 0 gives the clean shapes.
 */
import { Rng } from '../util/rng.js';
import type { PointSet } from './spirals.js';

export type Toy2dName = 'circles' | 'xor' | 'blobs';

export const TOY2D: readonly Toy2dName[] = ['circles', 'xor', 'blobs'];

export interface Toy2dOptions {
  /** Number of points (a positive even number keeps the classes equal; odd is allowed). */
  n: number;
  /** Standard deviation of the Gaussian jitter per coordinate, >= 0. Default 0. */
  noise?: number;
  seed: number;
}

/** Outer radius of the circles set and half-width of the XOR square. */
export const TOY2D_RADIUS = 5;

/** Class 0 inside radius 0.5 R, class 1 on the ring 0.7 R .. R (area-uniform in both). */
export function circles(options: Toy2dOptions): PointSet {
  return generate(options, (label, rng) => {
    const [lo, hi] = label === 0 ? [0, 0.5 * TOY2D_RADIUS] : [0.7 * TOY2D_RADIUS, TOY2D_RADIUS];
    // sqrt of a uniform in [lo^2, hi^2] spreads points evenly over the annulus's area.
    const r = Math.sqrt(lo * lo + rng.next() * (hi * hi - lo * lo));
    const a = 2 * Math.PI * rng.next();
    return [r * Math.cos(a), r * Math.sin(a)];
  });
}

/**
 * Uniform in the square [-R, R]^2 with a margin of 0.06 R along both axes; class 0 in
 * the quadrants where x y > 0, class 1 where x y < 0.
 */
export function xor(options: Toy2dOptions): PointSet {
  const margin = 0.06 * TOY2D_RADIUS;
  return generate(options, (label, rng) => {
    const coord = () => margin + rng.next() * (TOY2D_RADIUS - margin);
    const sx = rng.next() < 0.5 ? -1 : 1;
    const sy = label === 0 ? sx : -sx;
    return [sx * coord(), sy * coord()];
  });
}

/** Isotropic Gaussians of standard deviation 1 centred at (2.5, 2.5) (class 0) and (-2.5, -2.5) (class 1). */
export function gaussianBlobs(options: Toy2dOptions): PointSet {
  return generate(options, (label, rng) => {
    const c = label === 0 ? 2.5 : -2.5;
    return [c + rng.normal(), c + rng.normal()];
  });
}

/** A toy set by name. */
export function toy2d(name: Toy2dName, options: Toy2dOptions): PointSet {
  switch (name) {
    case 'circles':
      return circles(options);
    case 'xor':
      return xor(options);
    case 'blobs':
      return gaussianBlobs(options);
    default:
      throw new Error(`Unknown toy data set '${name as string}': use one of ${TOY2D.join(', ')}.`);
  }
}

/**
 * A copy of `points` with Gaussian jitter of standard deviation `noise` added to every
 * coordinate (seeded), e.g. to make two-spirals noisy. noise = 0 returns an exact copy.
 */
export function jitter(points: PointSet, noise: number, seed: number): PointSet {
  checkNoise(noise);
  const rng = new Rng(seed);
  const x = Float32Array.from(points.x, (v) => (noise > 0 ? v + noise * rng.normal() : v));
  return { x, y: Int32Array.from(points.y), n: points.n };
}

/** Draw n points, label i mod 2, from `sample`, then jitter them, all from one seeded stream. */
function generate(options: Toy2dOptions, sample: (label: number, rng: Rng) => [number, number]): PointSet {
  const { n, seed } = options;
  const noise = options.noise ?? 0;
  if (!Number.isInteger(n) || n < 1) throw new Error(`toy2d: n must be a positive integer, got ${n}.`);
  checkNoise(noise);
  const rng = new Rng(seed);
  const x = new Float32Array(2 * n);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    const [px, py] = sample(label, rng);
    // Always draw the jitter, even for noise 0, so changing the noise moves the same points.
    x[2 * i] = px + noise * rng.normal();
    x[2 * i + 1] = py + noise * rng.normal();
    y[i] = label;
  }
  return { x, y, n };
}

function checkNoise(noise: number): void {
  if (!Number.isFinite(noise) || noise < 0) throw new Error(`toy2d: noise must be a finite number >= 0, got ${noise}.`);
}
