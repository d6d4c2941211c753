/**
 * Run a numpy snippet single-threaded as a yardstick, if python3 with numpy is present.
 * The snippet prints one JSON object on its last line.
 */
import { spawnSync } from 'node:child_process';

export function numpyAvailable(): boolean {
  const r = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
  return r.status === 0;
}

export function runNumpy<T>(code: string): T | null {
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  const r = spawnSync('python3', ['-c', code], { encoding: 'utf8', env, maxBuffer: 1 << 24 });
  if (r.status !== 0) {
    process.stderr.write(`numpy yardstick failed: ${r.stderr}\n`);
    return null;
  }
  const lines = r.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as T;
}

/** Median wall milliseconds of `f` over `repeats` runs after `warmup` runs. */
export function timeMs(f: () => void, repeats = 7, warmup = 2): number {
  for (let i = 0; i < warmup; i++) f();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
