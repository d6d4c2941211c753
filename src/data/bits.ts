/**
 * The bit-stream memory tasks of the paper's recurrent experiments (E3, sec. 5):
 * a stream of random bits x(t) is fed to an RNN one bit per step, and at every step
 * t >= d the net must output a bit that depends on the input d steps earlier.
 *
 * - recall: y(t) = x(t-d)
 * - xor:    y(t) = x(t-d) xor x(t)
 * - adder:  the serial binary sum of the streams a(t) = x(t-d) and b(t) = x(t),
 *           least significant bit first: y(t) = a xor b xor carry, then
 *           carry = majority(a, b, carry); the carry starts at 0 at t = d.
 *
 * Steps t < d cannot be answered (the bit they would need is not yet seen), so they
 * have y = 0 and mask = 0; the loss is taken only where mask = 1, as in the
 * reference scripts, which drop the first d outputs.
 *
 * Layouts are batch-major ([count, length, ...]) like tf.js RNN inputs; transpose to
 * time-major if an unrolled loop wants [length, count, ...].
 */
import { Rng } from '../util/rng.js';

export type BitTaskName = 'recall' | 'xor' | 'adder';

export const BIT_TASKS: readonly BitTaskName[] = ['recall', 'xor', 'adder'];

export interface BitTaskOptions {
  task: BitTaskName;
  /** d, the delay in steps; a positive integer (the paper shows up to d = 90). */
  delay: number;
  /** Sequence length; default d + 50, the paper's choice. Must exceed d. */
  length?: number;
  /** Number of sequences. */
  count: number;
  /** Seed of the bit stream; the same seed gives the same data. */
  seed: number;
}

export interface BitTaskData {
  task: BitTaskName;
  delay: number;
  count: number;
  length: number;
  /** Input bits as 0/1 floats, shape [count, length, 1]. */
  x: Float32Array;
  /** Class label (0 or 1) per step, shape [count, length]; 0 where t < d. */
  y: Int32Array;
  /** 1 for steps t >= d (the supervised ones), else 0; shape [count, length]. */
  mask: Float32Array;
}

/** Extra sequence length after the delay used by the paper (sequence length d + 50). */
export const PAPER_EXTRA_LENGTH = 50;

/**
 * Hidden units of the paper's Elman RNN for a task (E3): d + 3 for recall, two more
 * (d + 5) for the harder xor and adder tasks (reference script's `numContextNodes`).
 */
export function paperHiddenUnits(task: BitTaskName, delay: number): number {
  checkTask(task);
  checkDelay(delay);
  return task === 'recall' ? delay + 3 : delay + 5;
}

/** Generate a seeded data set of one bit-stream task. See the module doc for the rules. */
export function bitTask(options: BitTaskOptions): BitTaskData {
  const { task, delay, count, seed } = options;
  const length = options.length ?? delay + PAPER_EXTRA_LENGTH;
  checkTask(task);
  checkDelay(delay);
  if (!Number.isInteger(length) || length <= delay) {
    throw new Error(
      `bitTask: length must be an integer greater than the delay ${delay} (otherwise no step is supervised), got ${length}.`,
    );
  }
  if (!Number.isInteger(count) || count < 1) {
    throw new Error(`bitTask: count must be a positive integer, got ${count}.`);
  }
  const rng = new Rng(seed);
  const x = new Float32Array(count * length);
  const y = new Int32Array(count * length);
  const mask = new Float32Array(count * length);
  const bits = new Uint8Array(length);
  for (let n = 0; n < count; n++) {
    // The top bit of each 32-bit output: one fair coin per step.
    for (let t = 0; t < length; t++) bits[t] = rng.nextUint32() >>> 31;
    const row = n * length;
    x.set(bits, row);
    y.set(bitTargets(task, delay, bits), row);
    mask.fill(1, row + delay, row + length);
  }
  return { task, delay, count, length, x, y, mask };
}

/**
 * The labels of one bit stream: y[t] for t = 0..bits.length-1, with y[t] = 0 for t < d.
 * Exposed so the rules can be checked by hand on short streams.
 */
export function bitTargets(task: BitTaskName, delay: number, bits: ArrayLike<number>): Int32Array {
  checkTask(task);
  checkDelay(delay);
  const y = new Int32Array(bits.length);
  let carry = 0;
  for (let t = delay; t < bits.length; t++) {
    const a = bits[t - delay] & 1;
    const b = bits[t] & 1;
    if (task === 'recall') {
      y[t] = a;
    } else if (task === 'xor') {
      y[t] = a ^ b;
    } else {
      y[t] = a ^ b ^ carry;
      carry = (a & b) | (a & carry) | (b & carry);
    }
  }
  return y;
}

function checkTask(task: string): asserts task is BitTaskName {
  if (!(BIT_TASKS as readonly string[]).includes(task)) {
    throw new Error(`bitTask: unknown task '${task}'; use one of ${BIT_TASKS.join(', ')}.`);
  }
}

function checkDelay(delay: number): void {
  // d = 0 is degenerate: xor would always be 0 and recall the identity.
  if (!Number.isInteger(delay) || delay < 1) {
    throw new Error(`bitTask: delay must be a positive integer, got ${delay}.`);
  }
}
