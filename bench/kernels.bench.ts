/**
 * Our wasm kernels (src/backend/wasm_kernels.ts) against the wasm backend's originals
 * and numpy (single thread), measured side by side in one run.
 *
 *   npx tsx bench/kernels.bench.ts
 *
 * Prints a table of medians (ms) after a warm-up. Originals are called directly
 * through their kernel functions; ours through the engine, as user code reaches them.
 * numpy columns appear when `python3 -c "import numpy"` works; it runs with
 * OPENBLAS_NUM_THREADS=1 because wasm in Node is single-threaded
 * (shared/docs/substrate.md). A measurement, not a test: nothing is asserted.
 */
import { spawnSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { useBackend } from '../src/backend/index.js';
import { originalKernel, runOriginal, type TensorInfo, type WasmKernelFunc } from '../src/backend/kernels/kernel_util.js';

/**
 * Median wall time (ms) of `run` after a warm-up; fewer repeats for slow cases, to
 * bound the total. `prepare` (untimed) makes each repeat's inputs.
 */
function median<T>(prepare: () => T, run: (inputs: T) => void, cleanup: (inputs: T) => void, budgetMs = 3000): number {
  const once = (): number => {
    const inputs = prepare();
    const s = performance.now();
    run(inputs);
    const t = performance.now() - s;
    cleanup(inputs);
    return t;
  };
  const first = once(); // warm-up: JIT, heap growth
  const reps = Math.max(3, Math.min(15, Math.floor(budgetMs / Math.max(first, 1e-3))));
  const times = Array.from({ length: reps }, once).sort((a, b) => a - b);
  return times[reps >> 1];
}

/**
 * Time a wasm kernel function on fresh copies of `inputs` (new data ids each repeat):
 * XNNPACK caches packed weights per data id, so reusing one tensor would hide a
 * packing cost (4-15 ns per weight) that training, with new tensors every step, pays.
 */
function timeKernel(kernel: WasmKernelFunc | undefined, inputs: Record<string, TensorInfo>, attrs: tf.NamedAttrMap): number {
  if (kernel === undefined) return NaN;
  const backend = tf.backend() as BackendWasm;
  const copy = (): Record<string, TensorInfo> =>
    Object.fromEntries(Object.entries(inputs).map(([k, t]) => [k, runOriginal('Identity', backend, { x: t })]));
  const free = (ins: Record<string, TensorInfo>): void => Object.values(ins).forEach((t) => backend.disposeData(t.dataId));
  return median(copy, (ins) => backend.disposeData(kernel({ inputs: ins, backend, attrs }).dataId), free);
}

/** The backend's original kernel vs ours (the registered one), on the same inputs. */
function compare(name: string, inputs: Record<string, TensorInfo>, attrs: tf.NamedAttrMap): [number, number] {
  const ours = tf.getKernel(name, 'wasm').kernelFunc as unknown as WasmKernelFunc;
  return [timeKernel(originalKernel(name), inputs, attrs), timeKernel(ours, inputs, attrs)];
}

/** numpy's medians (ms) for the same cases, keyed like ours; empty when numpy is missing. */
function numpyTimes(): Record<string, number> {
  const script = String.raw`
import json, time, numpy as np
from numpy.lib.stride_tricks import sliding_window_view as win
rng = np.random.default_rng(0)
def med(f, budget=3.0):
    t = time.perf_counter(); f(); first = time.perf_counter() - t
    reps = max(3, min(15, int(budget / max(first, 1e-6))))
    ts = []
    for _ in range(reps):
        t = time.perf_counter(); f(); ts.append(time.perf_counter() - t)
    return sorted(ts)[reps // 2] * 1e3
r = lambda *s: rng.standard_normal(s, dtype=np.float32)
out = {}
for m, k in [(102400, 28), (25600, 289)]:
    a = r(m, k); out[f'gram{m}x{k}'] = med(lambda: a.T @ a)
a, b = r(1000, 1000), r(1000, 1000); out['mm1000tB'] = med(lambda: a @ b.T); out['mm1000'] = med(lambda: a @ b)
a3 = r(20, 64, 64); out['bmm'] = med(lambda: a3 @ a3)
x, w, dy = r(100, 28, 28, 16), r(3, 3, 16, 32), r(100, 28, 28, 32)
def patches(t):  # im2col, 'same' padding, 3x3: [B*H*W, 3*3*C]
    p = np.pad(t, ((0, 0), (1, 1), (1, 1), (0, 0)))
    return np.ascontiguousarray(win(p, (3, 3), axis=(1, 2)).transpose(0, 1, 2, 4, 5, 3)).reshape(-1, 9 * t.shape[3])
out['convFwd'] = med(lambda: patches(x) @ w.reshape(-1, 32))
out['convBpInput'] = med(lambda: patches(dy) @ w[::-1, ::-1].transpose(0, 1, 3, 2).reshape(-1, 16))
out['convBpFilter'] = med(lambda: (patches(x).T @ dy.reshape(-1, 32)).reshape(3, 3, 16, 32))
t = r(1000000); out['tanh1M'] = med(lambda: np.tanh(t))
print(json.dumps(out))
`;
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  const run = spawnSync('python3', ['-c', script], { env, encoding: 'utf8', timeout: 120_000 });
  if (run.status !== 0) {
    console.log(`(numpy column skipped: ${run.error?.message ?? run.stderr.trim().split('\n').pop()})`);
    return {};
  }
  return JSON.parse(run.stdout) as Record<string, number>;
}

interface Row {
  key: string;
  label: string;
  original: number;
  ours: number;
}

function cases(): Row[] {
  const rows: Row[] = [];
  const add = (key: string, label: string, [original, ours]: [number, number]): void => {
    rows.push({ key, label, original, ours });
  };
  const randn = (shape: number[], seed: number): tf.Tensor => tf.randomNormal(shape, 0, 1, 'float32', seed);
  const mm = (transposeA: boolean, transposeB: boolean): tf.NamedAttrMap => ({ transposeA, transposeB });

  for (const [m, k] of [[102400, 28], [25600, 289]]) {
    const a = randn([m, k], 1);
    add(`gram${m}x${k}`, `Gram A^T A, A ${m}x${k}`, compare('BatchMatMul', { a, b: a }, mm(true, false)));
    a.dispose();
  }
  const [a, b] = [randn([1000, 1000], 2), randn([1000, 1000], 3)];
  add('mm1000tB', 'matMul 1000^2, transposeB', compare('BatchMatMul', { a, b }, mm(false, true)));
  add('mm1000', 'matMul 1000^2 (unchanged path)', compare('BatchMatMul', { a, b }, mm(false, false)));
  tf.dispose([a, b]);
  const a3 = randn([20, 64, 64], 4);
  add('bmm', 'batched matMul 20 x 64^3', compare('BatchMatMul', { a: a3, b: a3 }, mm(false, false)));
  a3.dispose();

  const x = randn([100, 28, 28, 16], 5);
  const w = randn([3, 3, 16, 32], 6);
  const dy = randn([100, 28, 28, 32], 7);
  const conv = { strides: 1, pad: 'same', dataFormat: 'NHWC', dilations: 1 } as tf.NamedAttrMap;
  add('convFwd', 'conv2d forward (unchanged)', compare('Conv2D', { x, filter: w }, conv));
  const bpi = { ...conv, inputShape: x.shape } as tf.NamedAttrMap;
  add('convBpInput', 'conv2d backprop input', compare('Conv2DBackpropInput', { dy, filter: w }, bpi));
  const bpf = { ...conv, filterShape: w.shape } as tf.NamedAttrMap;
  add('convBpFilter', 'conv2d backprop filter', compare('Conv2DBackpropFilter', { x, dy }, bpf));
  const dy2 = randn([100, 14, 14, 32], 8);
  const bpi2 = { ...bpi, strides: 2 } as tf.NamedAttrMap;
  add('convBpInputS2', 'conv2d backprop input, stride 2', compare('Conv2DBackpropInput', { dy: dy2, filter: w }, bpi2));
  const loss = (xx: tf.Tensor, ww: tf.Tensor): tf.Tensor => tf.sum(tf.conv2d(xx as tf.Tensor4D, ww as tf.Tensor4D, 1, 'same'));
  const step = median(
    () => [tf.mul(x, 1), tf.mul(w, 1)],
    (ins) => tf.dispose(tf.grads(loss)(ins)),
    (ins) => tf.dispose(ins),
  );
  add('convStep', 'conv2d fwd+bwd (tf.grads)', [NaN, step]);
  tf.dispose([x, w, dy, dy2]);

  const t = tf.randomNormal([1_000_000], 0, 2, 'float32', 9);
  add('tanh1M', 'tanh, 1M elements', compare('Tanh', { x: t }, {}));
  t.dispose();
  return rows;
}

function fmt(v: number | undefined, digits = 1): string {
  return v === undefined || Number.isNaN(v) ? '-' : v.toFixed(digits);
}

function printTable(rows: Row[], np: Record<string, number>): void {
  const head = ['case', 'original ms', 'ours ms', 'orig/ours', 'numpy ms', 'ours/numpy'];
  const body = rows.map((r) => [
    r.label, fmt(r.original), fmt(r.ours), fmt(r.original / r.ours), fmt(np[r.key]), fmt(r.ours / np[r.key]),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const row of body) console.log(line(row));
}

await useBackend('wasm');
const started = performance.now();
const rows = cases();
const np = numpyTimes();
printTable(rows, np);
console.log(`\n(total ${((performance.now() - started) / 1000).toFixed(0)} s; "-": no such kernel / numpy missing)`);
