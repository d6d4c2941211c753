/**
 * A small seeded pseudo-random number generator whose whole state is four uint32
 * words, so a run can be checkpointed and resumed bit for bit (`getState` /
 * `Rng.fromState`). The generator is sfc32 (Chris Doty-Humphrey's "small fast
 * counting" generator from PractRand): it passes standard statistical batteries,
 * has a 32-bit counter in its state that rules out short cycles, and needs only
 * 32-bit integer arithmetic, which JavaScript does exactly.
 *
 * Used for data generation, shuffles and splits. Tensor initialisers should draw
 * from this too when a run must be reproducible across backends.
 */

/** An indexable, writable sequence: a plain array or any typed array. */
export interface MutableArrayLike<T> {
  readonly length: number;
  [index: number]: T;
}

const TWO_POW_32 = 4294967296;

/** splitmix32: spreads a seed over the state words, so nearby seeds give unrelated streams. */
function splitmix32(x: number): [number, number] {
  const next = (x + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [next, z >>> 0];
}

export class Rng {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  /**
   * @param seed any safe integer (negative and values above 2^32 are fine: both
   *   halves of the number are mixed in).
   */
  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) {
      throw new Error(`Rng: seed must be a safe integer, got ${seed}; pass e.g. Math.floor(seed).`);
    }
    const lo = seed >>> 0;
    const hi = Math.floor(seed / TWO_POW_32) >>> 0;
    let s = lo ^ Math.imul(hi, 0x27d4eb2d);
    let w: number;
    [s, w] = splitmix32(s);
    this.a = w;
    [s, w] = splitmix32(s);
    this.b = w;
    [s, w] = splitmix32(s);
    this.c = w;
    this.d = 1;
    // The first outputs of a freshly seeded sfc32 are weakly mixed; skip them.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** Next raw 32-bit output as an unsigned integer in [0, 2^32). */
  nextUint32(): number {
    const a = this.a, b = this.b, c = this.c, d = this.d;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    this.c = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1) with 32 bits of resolution. */
  next(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /** Uniform integer in [0, n), exactly unbiased (rejection sampling), for 1 <= n <= 2^32. */
  int(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_POW_32) {
      throw new Error(`Rng.int: n must be an integer in [1, 2^32], got ${n}.`);
    }
    // Reject the top partial block of 2^32 so every residue is equally likely.
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return x % n;
  }

  /**
   * Standard normal sample (Box-Muller). Uses two uniforms per call and keeps no
   * spare, so the state stays four words and `getState` captures everything.
   */
  normal(): number {
    // 1 - next() lies in (0, 1], so the log is finite.
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Fisher-Yates shuffle in place; works on plain and typed arrays. */
  shuffle<T>(a: MutableArrayLike<T>): void {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = a[i];
      a[i] = a[j];
      a[j] = tmp;
    }
  }

  /** A uniformly random permutation of 0..n-1. */
  permutation(n: number): Int32Array {
    if (!Number.isInteger(n) || n < 0) {
      throw new Error(`Rng.permutation: n must be a non-negative integer, got ${n}.`);
    }
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    this.shuffle(p);
    return p;
  }

  /** The full state as four uint32 numbers (JSON-safe). */
  getState(): number[] {
    return [this.a >>> 0, this.b >>> 0, this.c >>> 0, this.d >>> 0];
  }

  /** Restore a generator saved with `getState`; it continues the stream exactly. */
  static fromState(state: readonly number[]): Rng {
    if (
      !Array.isArray(state) ||
      state.length !== 4 ||
      !state.every((w) => Number.isInteger(w) && w >= 0 && w < TWO_POW_32)
    ) {
      throw new Error(
        `Rng.fromState: expected the four uint32 words returned by getState(), got ${JSON.stringify(state)}.`,
      );
    }
    const r = new Rng(0);
    r.a = state[0] | 0;
    r.b = state[1] | 0;
    r.c = state[2] | 0;
    r.d = state[3] | 0;
    return r;
  }
}
