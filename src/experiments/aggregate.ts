/**
 * Aggregates over seeds: medians and interquartile ranges of the final metrics, of the
 * iterations (and seconds) to reach an accuracy threshold, and of the learning curves.
 */
import type { MetricsRow } from '../train/fit.js';

export interface Quartiles {
  median: number;
  q1: number;
  q3: number;
}

/** Quartiles by linear interpolation (numpy's default); Infinity counts as "never". */
export function quartiles(values: number[]): Quartiles {
  const xs = [...values].sort((a, b) => a - b);
  const at = (p: number) => {
    if (xs.length === 0) return NaN;
    const pos = p * (xs.length - 1);
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    if (lo === hi || xs[hi] === xs[lo]) return xs[lo];
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo);
  };
  return { median: at(0.5), q1: at(0.25), q3: at(0.75) };
}

export interface SeedRun {
  seed: number;
  history: MetricsRow[];
  firstPerfectIteration: number | null;
  wallSeconds: number;
}

export interface GroupSummary {
  seeds: number;
  /** Per evaluated set, per metric. */
  final: Record<string, { accuracy: Quartiles; loss: Quartiles }>;
  /** Iterations and seconds until training accuracy first reached the threshold (Infinity if never). */
  reach: { threshold: number; reached: number; iterations: Quartiles; seconds: Quartiles };
  wallSeconds: Quartiles;
}

/** First row (iteration, seconds) at which train accuracy >= threshold, or null. */
export function firstReach(run: SeedRun, threshold: number): { iteration: number; seconds: number } | null {
  for (const row of run.history) {
    if (row.sets.train.accuracy >= threshold) {
      // With threshold 1 the trainer knows the exact iteration (full batch) even between rows.
      const iteration = threshold >= 1 && run.firstPerfectIteration !== null ? Math.min(run.firstPerfectIteration, row.iteration) : row.iteration;
      return { iteration, seconds: row.elapsed };
    }
  }
  return null;
}

export function summariseGroup(runs: SeedRun[], threshold: number): GroupSummary {
  const sets = Object.keys(runs[0]?.history.at(-1)?.sets ?? {});
  const final: GroupSummary['final'] = {};
  for (const set of sets) {
    const last = runs.map((r) => r.history.at(-1)!.sets[set]);
    final[set] = { accuracy: quartiles(last.map((e) => e.accuracy)), loss: quartiles(last.map((e) => e.loss)) };
  }
  const reaches = runs.map((r) => firstReach(r, threshold));
  return {
    seeds: runs.length,
    final,
    reach: {
      threshold,
      reached: reaches.filter((r) => r !== null).length,
      iterations: quartiles(reaches.map((r) => r?.iteration ?? Infinity)),
      seconds: quartiles(reaches.map((r) => r?.seconds ?? Infinity)),
    },
    wallSeconds: quartiles(runs.map((r) => r.wallSeconds)),
  };
}

/** Median and quartiles of a metric at every logged iteration common to all seeds. */
export function curveBands(runs: SeedRun[], set: string, metric: 'accuracy' | 'loss'): { points: [number, number][]; band: [number, number, number][] } {
  const iterations = runs[0]?.history.map((h) => h.iteration) ?? [];
  const points: [number, number][] = [];
  const band: [number, number, number][] = [];
  for (const it of iterations) {
    const values = runs.map((r) => r.history.find((h) => h.iteration === it)?.sets[set]?.[metric]).filter((v): v is number => v !== undefined);
    if (values.length !== runs.length) continue;
    const q = quartiles(values);
    points.push([it, q.median]);
    band.push([it, q.q1, q.q3]);
  }
  return { points, band };
}
