/**
 * Times the least-squares op (src/linalg/ridge_solve.ts) on the shapes target space meets,
 * forward and forward+backward, beside numpy solving the same regularised normal
 * equations (and their backward) single-threaded. Run: npx tsx bench/ridge_solve.bench.ts
 */
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../src/backend/index.js';
import { ridgeSolve } from '../src/linalg/ridge_solve.js';
import { numpyAvailable, runNumpy, timeMs } from './numpy.js';

const cases: { name: string; n: number; d: number; k: number }[] = [
  { name: 'spirals output layer', n: 194, d: 18, k: 2 },
  { name: 'MNIST dense (dual)', n: 100, d: 785, k: 100 },
  { name: 'CNN conv1 patches', n: 102400, d: 28, k: 32 },
  { name: 'CNN conv2 patches', n: 25600, d: 289, k: 64 },
];
const lambda = 0.1;

await useBackend('wasm');
const haveNumpy = numpyAvailable();
console.log(`ridgeSolve on ${tf.getBackend()}; numpy yardstick: ${haveNumpy ? 'yes (1 thread)' : 'absent'}\n`);
const rows: string[][] = [['shape [n x d] -> k', 'form', 'ours fwd ms', 'ours fwd+bwd ms', 'numpy fwd ms', 'numpy fwd+bwd ms', 'fwd ratio', 'fwd+bwd ratio']];
for (const c of cases) {
  const a = tf.randomNormal([c.n, c.d], 0, 1, 'float32', 1) as tf.Tensor2D;
  const t = tf.randomNormal([c.n, c.k], 0, 1, 'float32', 2) as tf.Tensor2D;
  const fwd = timeMs(() => tf.tidy(() => ridgeSolve(a, t, lambda)).dispose());
  const grad = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(ridgeSolve(x as tf.Tensor2D, y as tf.Tensor2D, lambda)));
  const both = timeMs(() => tf.dispose(tf.tidy(() => grad([a, t]))));
  const form = c.n >= c.d ? 'primal' : 'dual';
  let np: { fwd: number; both: number } | null = null;
  if (haveNumpy) {
    np = runNumpy(`
import numpy as np, time, json
rng = np.random.default_rng(0)
n, d, k, lam = ${c.n}, ${c.d}, ${c.k}, ${lambda}
A = rng.standard_normal((n, d)).astype(np.float32); T = rng.standard_normal((n, k)).astype(np.float32)
def fwd():
    if n >= d:
        M = (A.T @ A).astype(np.float64) + lam * np.eye(d); return np.linalg.solve(M, (A.T @ T).astype(np.float64)), M
    K = (A @ A.T).astype(np.float64) + lam * np.eye(n); P = np.linalg.solve(K, T.astype(np.float64)); return A.T @ P, (K, P)
def both():
    W, S = fwd(); dW = np.ones_like(W)
    if n >= d:
        G = np.linalg.solve(S, dW); dT = A @ G; dA = (T - A @ W) @ G.T - dT @ W.T
    else:
        K, P = S; Q = np.linalg.solve(K, A @ dW); dA = P @ (dW.T - Q.T @ A) - Q @ W.T
def med(f, r=7):
    f(); f(); ts = []
    for _ in range(r):
        t0 = time.perf_counter(); f(); ts.append((time.perf_counter() - t0) * 1000)
    return sorted(ts)[r // 2]
print(json.dumps({"fwd": med(fwd), "both": med(both)}))`);
  }
  rows.push([
    `${c.name} [${c.n} x ${c.d}] -> ${c.k}`,
    form,
    fwd.toFixed(2),
    both.toFixed(2),
    np ? np.fwd.toFixed(2) : '-',
    np ? np.both.toFixed(2) : '-',
    np ? `${(fwd / np.fwd).toFixed(1)}x` : '-',
    np ? `${(both / np.both).toFixed(1)}x` : '-',
  ]);
  tf.dispose([a, t]);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) console.log(r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
console.log('\nratio = ours / numpy (lower is better); both single-threaded.');
