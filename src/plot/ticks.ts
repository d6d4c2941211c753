/**
 * Axis ticks and tick labels for linear and log scales: "nice" values (1, 2 or 5 × 10^k)
 * that a reader can interpolate between, as in every plotting package since Heckbert's
 * "Nice numbers for graph labels" (Graphics Gems, 1990).
 */

/** Rounds away binary noise (0.30000000000000004 -> 0.3) and turns -0 into 0. */
function clean(v: number): number {
  const r = Number(v.toPrecision(12));
  return r === 0 ? 0 : r;
}

/**
 * The nice step (1, 2 or 5 × 10^k) that splits `span` into about `target` intervals.
 * The thresholds are the geometric midpoints (√2, √10, √50) between candidates.
 */
export function niceStep(span: number, target = 5): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, target);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  const m = f < Math.SQRT2 ? 1 : f < Math.sqrt(10) ? 2 : f < Math.sqrt(50) ? 5 : 10;
  return clean(m * mag);
}

/** A non-empty range around a single value, so a constant series still gets an axis. */
function widen(lo: number, hi: number): [number, number] {
  if (hi > lo) return [lo, hi];
  const d = Math.abs(lo) * 0.1 || 1;
  return [lo - d, hi + d];
}

/** Multiples of a nice step inside [lo, hi] (inclusive, with float tolerance). */
export function linearTicks(lo: number, hi: number, target = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (lo > hi) [lo, hi] = [hi, lo];
  if (lo === hi) return [clean(lo)];
  const step = niceStep(hi - lo, target);
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  const ticks: number[] = [];
  for (let k = first; k <= last; k++) ticks.push(clean(k * step));
  return ticks;
}

/**
 * [lo, hi] pushed outwards to multiples of the nice step, so the axis starts and ends on a
 * labelled tick (data [0.03, 0.97] -> [0, 1]; [0, 3870] -> [0, 4000]).
 */
export function niceDomain(lo: number, hi: number, target = 5): [number, number] {
  [lo, hi] = widen(Math.min(lo, hi), Math.max(lo, hi));
  const step = niceStep(hi - lo, target);
  return [clean(Math.floor(lo / step + 1e-9) * step), clean(Math.ceil(hi / step - 1e-9) * step)];
}

/** m × 10^k for the given mantissas over the decades that cover [lo, hi], kept inside it. */
function mantissaTicks(lo: number, hi: number, mantissas: readonly number[]): number[] {
  const ticks: number[] = [];
  for (let k = Math.floor(Math.log10(lo)) - 1; k <= Math.ceil(Math.log10(hi)); k++) {
    for (const m of mantissas) {
      const v = clean(m * 10 ** k);
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) ticks.push(v);
    }
  }
  return ticks;
}

/**
 * Ticks for a log axis over [lo, hi] (both > 0): powers of ten when the range spans three
 * decades or more (every second or third power when there are many), else 1-2-5 values,
 * else any integer mantissa, and for a very narrow range linear ticks.
 */
export function logTicks(lo: number, hi: number): number[] {
  if (!(lo > 0) || !(hi > 0) || !Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (lo > hi) [lo, hi] = [hi, lo];
  const kLo = Math.ceil(Math.log10(lo) - 1e-9);
  const kHi = Math.floor(Math.log10(hi) + 1e-9);
  const decades = kHi - kLo + 1;
  if (decades >= 3) {
    const every = Math.ceil(decades / 8);
    const ticks: number[] = [];
    for (let k = kLo; k <= kHi; k += every) ticks.push(clean(10 ** k));
    return ticks;
  }
  for (const mantissas of [[1, 2, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9]]) {
    const ticks = mantissaTicks(lo, hi, mantissas);
    if (ticks.length >= 2) return ticks;
  }
  return linearTicks(lo, hi);
}

/** Unlabelled minor ticks for a log axis: 2..9 × 10^k, shown only where the major ticks are decades. */
export function logMinorTicks(lo: number, hi: number): number[] {
  const major = logTicks(lo, hi);
  const decadesOnly = major.length >= 2 && major.every((v) => Number.isInteger(Math.round(Math.log10(v) * 1e9) / 1e9));
  if (!decadesOnly || hi / lo > 1e8) return [];
  return mantissaTicks(lo, hi, [2, 3, 4, 5, 6, 7, 8, 9]);
}

/**
 * [lo, hi] (both > 0) pushed outwards for a log axis to the nearest 1-2-5 values, not whole
 * decades: a loss that starts at 1.1 would otherwise get an empty decade up to 10
 * ([0.0021, 1.1] -> [0.002, 2]; [0.001, 2.3] -> [0.001, 5]; [0.05, 0.9] -> [0.05, 1]).
 */
export function niceLogDomain(lo: number, hi: number): [number, number] {
  if (lo > hi) [lo, hi] = [hi, lo];
  if (!(lo > 0)) lo = hi > 0 ? hi / 100 : 1;
  if (!(hi > 0)) hi = lo * 100;
  if (hi === lo) [lo, hi] = [lo / 2, hi * 2];
  const down = mantissaTicks(lo / 10, lo, [1, 2, 5]);
  const up = mantissaTicks(hi, hi * 10, [1, 2, 5]);
  return [down[down.length - 1] ?? lo, up[0] ?? hi];
}

const SUPERSCRIPT: Readonly<Record<string, string>> = {
  '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
};

/**
 * A tick label. With `step` (linear axes) every label gets the decimals the step needs, so
 * a column of labels lines up (0.0, 0.5, 1.0 rather than 0, 0.5, 1); without it (log axes)
 * each value is written in its shortest form. Magnitudes of 10⁶ and more, or below 10⁻⁴,
 * use 10ⁿ notation; negatives use the typographic minus.
 */
export function formatTick(v: number, step?: number): string {
  if (!Number.isFinite(v)) return '';
  const a = Math.abs(v);
  let s: string;
  if (a !== 0 && (a >= 1e6 || a < 1e-4)) {
    const e = Math.floor(Math.log10(a) + 1e-9);
    const m = clean(Number((v / 10 ** e).toPrecision(3)));
    const pow = `10${[...String(e)].map((c) => SUPERSCRIPT[c] ?? c).join('')}`;
    s = m === 1 ? pow : m === -1 ? `-${pow}` : `${m}×${pow}`;
  } else if (step !== undefined && step > 0 && step < 1e6) {
    const decimals = Math.min(10, Math.max(0, Math.ceil(-Math.log10(step) - 1e-9)));
    s = v.toFixed(decimals);
  } else {
    s = String(clean(Number(v.toPrecision(6))));
  }
  return s.replace(/^-/, '−');
}
