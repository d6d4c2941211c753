/**
 * The playground's settings: one plain object (structured-cloneable, so it can be posted
 * to the training worker), the paper's defaults, and its round trip through the URL
 * query string so that a view can be shared. Only values that differ from the defaults
 * are written, which keeps shared links short and readable.
 */
import { ACTIVATIONS, OPTIMISERS, TOY2D, type ActivationName, type OptimiserName } from './lib.js';

export type DataName = 'spirals' | (typeof TOY2D)[number];
export type BackendChoice = 'auto' | 'webgl' | 'wasm' | 'cpu';
export type RunnerChoice = 'worker' | 'frame';

export const DATA_SETS: readonly DataName[] = ['spirals', ...TOY2D];

export interface Settings {
  data: DataName;
  /** Hidden layer widths, e.g. [5, 5, 5]. */
  hidden: number[];
  activation: ActivationName;
  shortcuts: boolean;
  optimiser: OptimiserName;
  learningRate: number;
  lambda: number;
  mode: 'scu' | 'ocu';
  project: boolean;
  /** X̄ size: 0 means the whole training set. */
  xbarSize: number;
  /** Which training points make up a smaller X̄: the first k, or a seeded random k. */
  xbarPick: 'first' | 'random';
  /** Gaussian jitter (standard deviation per coordinate) added to the points. */
  noise: number;
  seed: number;
  /** Not training settings: how the page runs (kept in the URL to reproduce measurements). */
  backend: BackendChoice;
  runner: RunnerChoice;
}

/**
 * The paper's two-spirals setup (sec. 4.1, experiment E1): 2-5-5-5-2 tanh with shortcut
 * connections, X̄ = the whole training set, lambda 0.001, Adam with learning rate 0.01,
 * SCU realisation and the initial projection.
 */
export const DEFAULTS: Readonly<Settings> = Object.freeze({
  data: 'spirals',
  hidden: [5, 5, 5],
  activation: 'tanh',
  shortcuts: true,
  optimiser: 'adam',
  learningRate: 0.01,
  lambda: 0.001,
  mode: 'scu',
  project: true,
  xbarSize: 0,
  xbarPick: 'first',
  noise: 0,
  seed: 1,
  backend: 'auto',
  runner: 'worker',
});

type Key = keyof Settings;

/** URL parameter names: short, stable (shared links depend on them). */
export const PARAM: Readonly<Record<Key, string>> = {
  data: 'data',
  hidden: 'hidden',
  activation: 'act',
  shortcuts: 'shortcuts',
  optimiser: 'opt',
  learningRate: 'lr',
  lambda: 'lambda',
  mode: 'mode',
  project: 'project',
  xbarSize: 'xbar',
  xbarPick: 'xbarpick',
  noise: 'noise',
  seed: 'seed',
  backend: 'backend',
  runner: 'runner',
};

const LIMITS = { layers: 8, units: 64 };

/** Parse one setting from its text form; throws a message fit for the page on bad input. */
export function parseValue<K extends Key>(key: K, text: string): Settings[K] {
  const t = text.trim();
  const oneOf = <T extends string>(options: readonly T[]): T => {
    const v = t.toLowerCase();
    if (!(options as readonly string[]).includes(v)) throw new Error(`${PARAM[key]}: '${text}' is not one of ${options.join(', ')}.`);
    return v as T;
  };
  const number = (check: (v: number) => boolean, what: string): number => {
    const v = Number(t);
    if (t === '' || !Number.isFinite(v) || !check(v)) throw new Error(`${PARAM[key]}: '${text}' is not ${what}.`);
    return v;
  };
  const flag = (): boolean => {
    if (['1', 'true', 'on', 'yes'].includes(t.toLowerCase())) return true;
    if (['0', 'false', 'off', 'no'].includes(t.toLowerCase())) return false;
    throw new Error(`${PARAM[key]}: '${text}' is not on/off.`);
  };
  const out: { [P in Key]: () => Settings[P] } = {
    data: () => oneOf(DATA_SETS),
    hidden: () => parseHidden(t),
    activation: () => oneOf(ACTIVATIONS.filter((a) => a !== 'linear')),
    shortcuts: flag,
    optimiser: () => oneOf(OPTIMISERS),
    learningRate: () => number((v) => v > 0 && v <= 10, 'a learning rate in (0, 10]'),
    lambda: () => number((v) => v > 0 && v <= 100, 'a lambda in (0, 100]'),
    mode: () => oneOf(['scu', 'ocu'] as const),
    project: flag,
    xbarSize: () => number((v) => Number.isInteger(v) && v >= 0, 'a whole number >= 0 (0 = all)'),
    xbarPick: () => oneOf(['first', 'random'] as const),
    noise: () => number((v) => v >= 0 && v <= 5, 'a noise level in [0, 5]'),
    seed: () => number((v) => Number.isSafeInteger(v), 'an integer'),
    backend: () => oneOf(['auto', 'webgl', 'wasm', 'cpu'] as const),
    runner: () => oneOf(['worker', 'frame'] as const),
  };
  return out[key]();
}

function parseHidden(t: string): number[] {
  if (t === '' || t === '-') return [];
  const units = t.split(/[\s,]+/).filter((s) => s !== '').map(Number);
  if (units.length > LIMITS.layers || units.some((u) => !Number.isInteger(u) || u < 1 || u > LIMITS.units)) {
    throw new Error(`hidden: '${t}' should be up to ${LIMITS.layers} comma-separated layer widths, each 1-${LIMITS.units} (e.g. 5,5,5).`);
  }
  return units;
}

/** A setting's text form (the inverse of parseValue). */
export function formatValue(value: Settings[Key]): string {
  if (Array.isArray(value)) return value.join(',');
  if (typeof value === 'boolean') return value ? '1' : '0';
  return String(value);
}

/** Settings from a query string; bad or unknown values are skipped and reported. */
export function fromQuery(query: string): { settings: Settings; problems: string[] } {
  const params = new URLSearchParams(query);
  const settings: Settings = { ...DEFAULTS, hidden: [...DEFAULTS.hidden] };
  const problems: string[] = [];
  const known = new Set(Object.values(PARAM));
  for (const key of Object.keys(PARAM) as Key[]) {
    const text = params.get(PARAM[key]);
    if (text === null) continue;
    try {
      (settings as unknown as Record<Key, unknown>)[key] = parseValue(key, text);
    } catch (e) {
      problems.push(`Ignored a setting in the URL: ${(e as Error).message}`);
    }
  }
  for (const name of params.keys()) if (!known.has(name)) problems.push(`Ignored an unknown URL parameter '${name}'.`);
  return { settings, problems };
}

/** The query string for these settings (non-default values only; '' for the defaults). */
export function toQuery(settings: Settings): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(PARAM) as Key[]) {
    const text = formatValue(settings[key]);
    if (text !== formatValue(DEFAULTS[key])) params.set(PARAM[key], text);
  }
  const q = params.toString();
  return q === '' ? '' : `?${q}`;
}
