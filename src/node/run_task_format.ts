/**
 * How run results are written: metrics CSV columns and the per-space summary.
 */
import type { SpaceResult } from '../experiments/run.js';
import type { MetricsRow } from '../train/fit.js';
import type { Space } from '../train/model.js';

export interface SpaceSummary {
  train: { loss: number; accuracy: number };
  [set: string]: unknown;
  firstPerfectIteration: number | null;
  iterations: number;
  wallSeconds: number;
}

export interface RunSummary {
  task: string;
  seed: number;
  spaces: Partial<Record<Space, SpaceSummary>>;
}

/** CSV columns for a row: iteration, then loss/accuracy per set, then elapsed seconds. */
export function metricsHeader(sets: string[]): string[] {
  return ['iteration', ...sets.flatMap((s) => [`${s}_loss`, `${s}_accuracy`]), 'elapsed_seconds'];
}

export function metricsCells(row: MetricsRow, sets: string[]): (number | null)[] {
  return [row.iteration, ...sets.flatMap((s) => [row.sets[s]?.loss ?? null, row.sets[s]?.accuracy ?? null]), row.elapsed];
}

export function summarise(r: SpaceResult): SpaceSummary {
  const sets = Object.fromEntries(Object.entries(r.final).map(([k, v]) => [k, { loss: v.loss, accuracy: v.accuracy }]));
  return { ...sets, train: sets.train, firstPerfectIteration: r.firstPerfect, iterations: r.iterations, wallSeconds: r.wallSeconds };
}
