/**
 * The side-by-side comparison table printed at the end of a run.
 */
import type { RunSummary } from '../node/run_task.js';

/** A number with fixed digits (0 for counts); '-' when absent (e.g. never reached). */
function fmt(v: unknown, digits: number): string {
  if (v === null || v === undefined) return '-';
  if (typeof v === 'number') return v.toFixed(digits);
  return String(v);
}

/** Rows: accuracy and loss per evaluated set, iterations to 100% train accuracy, wall time. */
export function comparisonTable(summary: RunSummary): string {
  const spaces = Object.keys(summary.spaces) as (keyof RunSummary['spaces'])[];
  const first = summary.spaces[spaces[0]]!;
  const sets = Object.keys(first).filter((k) => typeof first[k] === 'object' && first[k] !== null);
  const rows: [string, ...string[]][] = [['', ...spaces.map((s) => `${s} space`)]];
  for (const set of sets) {
    rows.push([`${set} accuracy`, ...spaces.map((s) => fmt((summary.spaces[s]![set] as { accuracy: number }).accuracy, 4))]);
    rows.push([`${set} loss`, ...spaces.map((s) => fmt((summary.spaces[s]![set] as { loss: number }).loss, 4))]);
  }
  rows.push(['first 100% train acc', ...spaces.map((s) => fmt(summary.spaces[s]!.firstPerfectIteration, 0))]);
  rows.push(['iterations', ...spaces.map((s) => fmt(summary.spaces[s]!.iterations, 0))]);
  rows.push(['wall seconds', ...spaces.map((s) => fmt(summary.spaces[s]!.wallSeconds, 1))]);
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('   ')).join('\n');
}
