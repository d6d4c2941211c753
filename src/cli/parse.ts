/**
 * Option-value parsers for the command line: each turns a string into a checked value or
 * throws commander's InvalidArgumentError, which commander prints as a one-line error.
 */
import { InvalidArgumentError } from 'commander';
import type { Space } from '../train/model.js';

export function positiveNumber(v: string): number {
  const x = Number(v);
  if (!Number.isFinite(x) || x <= 0) throw new InvalidArgumentError('expected a positive number.');
  return x;
}

export function nonNegativeNumber(v: string): number {
  const x = Number(v);
  if (!Number.isFinite(x) || x < 0) throw new InvalidArgumentError('expected a number >= 0.');
  return x;
}

export function positiveInt(v: string): number {
  const x = Number(v);
  if (!Number.isInteger(x) || x <= 0) throw new InvalidArgumentError('expected a positive integer.');
  return x;
}

export function nonNegativeInt(v: string): number {
  const x = Number(v);
  if (!Number.isInteger(x) || x < 0) throw new InvalidArgumentError('expected an integer >= 0.');
  return x;
}

export function intList(v: string): number[] {
  const parts = v.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  const xs = parts.map(Number);
  if (xs.length === 0 || xs.some((x) => !Number.isInteger(x) || x <= 0)) {
    throw new InvalidArgumentError('expected a comma-separated list of positive integers, e.g. 5,5,5.');
  }
  return xs;
}

export function oneOf<T extends string>(choices: readonly T[]): (v: string) => T {
  return (v: string) => {
    const x = v.toLowerCase();
    if (!(choices as readonly string[]).includes(x)) throw new InvalidArgumentError(`expected one of ${choices.join(', ')}.`);
    return x as T;
  };
}

/** `target`, `weight` or `both` -> the list of spaces to run (target first). */
export function spaces(v: string): Space[] {
  const x = oneOf(['target', 'weight', 'both'] as const)(v);
  return x === 'both' ? ['target', 'weight'] : [x];
}
