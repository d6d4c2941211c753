/**
 * Conv2DBackpropInput for wasm through the fast forward Conv2D.
 *
 * The original kernel is a direct loop ~10x slower than the forward convolution
 * (shared/docs/substrate.md). The input gradient, with y = oh*s + kh - top,
 *   dx[b, y, x, ci] = sum_{kh, kw, co} dy[b, oh, ow, co] * W[kh, kw, ci, co],
 * is, for stride 1, one correlation of padded dy with the filter flipped in space and
 * with in/out channels swapped. For stride s the rows y of one phase p = y mod s
 * receive only the taps kh = (p + top) mod s (+ s, + 2s, ...), so each of the s*s
 * phases is a stride-1 correlation of dy with a sub-filter of those taps, and the
 * phase outputs interleave into dx. That does the useful multiply-adds only, where
 * zero-stuffing dy would do s*s times as many (measured 3x slower for s = 2).
 * NCHW and paddings that would need negative padding here go to the original kernel.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { disposeAll, heapF32, runOriginal, sizeOf, type TensorInfo, type WasmKernelArgs } from './kernel_util.js';

/** One phase along one spatial dimension. */
interface Phase {
  /** dx positions p, p + s, ... of this phase (may be 0). */
  count: number;
  /** Filter taps in correlation order (reversed): the sub-filter's positions. */
  taps: number[];
  /** Padding of dy for the stride-1 correlation that yields `count` outputs. */
  before: number;
  after: number;
}

/**
 * The s phases along one dimension, for dx size `size`, dy size `outSize`, filter
 * size k and forward padding `top`. Output q of phase p is dx position y = p + s*q;
 * its taps kh = r + s*j (r = (p + top) mod s) read dy row q + c - j, c = floor((p + top) / s).
 */
function phases(size: number, outSize: number, k: number, s: number, top: number): Phase[] {
  const result: Phase[] = [];
  for (let p = 0; p < s; p++) {
    const r = (p + top) % s;
    const c = Math.floor((p + top) / s);
    const taps: number[] = [];
    for (let kk = r; kk < k; kk += s) taps.unshift(kk);
    const count = Math.max(0, Math.ceil((size - p) / s));
    const before = taps.length - 1 - c;
    result.push({ count, taps, before, after: count - outSize + c });
  }
  return result;
}

/** Sub-filter [th, tw, Co, Ci] of W [KH, KW, Ci, Co] at the given taps (a small JS loop). */
function subFilter(backend: BackendWasm, filter: TensorInfo, th: number[], tw: number[]): TensorInfo {
  const [, kw, ci, co] = filter.shape;
  const out = backend.makeOutput([th.length, tw.length, co, ci], 'float32');
  const src = heapF32(backend, filter);
  const dst = heapF32(backend, out);
  let d = 0;
  for (const a of th) {
    for (const c of tw) {
      const s0 = (a * kw + c) * ci * co;
      for (let o = 0; o < co; o++) {
        for (let i = 0; i < ci; i++) dst[d++] = src[s0 + i * co + o];
      }
    }
  }
  return out;
}

/** dx[b, ph + sh*q, pw + sw*t, :] = part[b, q, t, :]. */
function interleave(backend: BackendWasm, dx: TensorInfo, part: TensorInfo, ph: number, pw: number, sh: number, sw: number): void {
  const [b, h, w, ci] = dx.shape;
  const [, qh, qw] = part.shape;
  const dst = heapF32(backend, dx);
  const src = heapF32(backend, part);
  let s0 = 0;
  for (let n = 0; n < b; n++) {
    for (let q = 0; q < qh; q++) {
      let d0 = ((n * h + ph + sh * q) * w + pw) * ci;
      for (let t = 0; t < qw; t++, d0 += sw * ci) {
        for (let c = 0; c < ci; c++) dst[d0 + c] = src[s0++];
      }
    }
  }
}

/** The stride-1 correlation for one (row phase, column phase) pair. */
function phaseConv(backend: BackendWasm, dy: TensorInfo, filter: TensorInfo, ph: Phase, pw: Phase): TensorInfo {
  const sub = subFilter(backend, filter, ph.taps, pw.taps);
  const part = runOriginal('Conv2D', backend, { x: dy, filter: sub }, {
    strides: [1, 1],
    dilations: [1, 1],
    pad: [[0, 0], [ph.before, ph.after], [pw.before, pw.after], [0, 0]],
    dataFormat: 'NHWC',
    dimRoundingMode: undefined,
  } as unknown as tf.NamedAttrMap);
  disposeAll(backend, sub);
  return part;
}

/** Replacement Conv2DBackpropInput kernel: inputs {dy, filter}, attrs as tfjs-core's op. */
export function conv2DBackpropInput(args: WasmKernelArgs): TensorInfo {
  const { backend, attrs } = args;
  const { dy, filter } = args.inputs;
  const inputShape = attrs.inputShape as [number, number, number, number];
  const fallback = (): TensorInfo => runOriginal('Conv2DBackpropInput', backend, args.inputs, attrs);
  if ((attrs.dataFormat ?? 'NHWC') !== 'NHWC' || dy.dtype !== 'float32' || sizeOf(dy.shape) === 0) return fallback();
  const info = tf.backend_util.computeConv2DInfo(
    inputShape,
    filter.shape as [number, number, number, number],
    attrs.strides as number | [number, number],
    1,
    attrs.pad as 'same' | 'valid' | number | tf.backend_util.ExplicitPadding,
    attrs.dimRoundingMode as 'floor' | 'round' | 'ceil' | undefined,
  );
  const { strideHeight: sh, strideWidth: sw, padInfo } = info;
  const rows = phases(info.inHeight, info.outHeight, info.filterHeight, sh, padInfo.top);
  const cols = phases(info.inWidth, info.outWidth, info.filterWidth, sw, padInfo.left);
  const used = (p: Phase): boolean => p.count > 0 && p.taps.length > 0;
  if ([...rows, ...cols].some((p) => used(p) && (p.before < 0 || p.after < 0))) return fallback();

  if (sh === 1 && sw === 1) return phaseConv(backend, dy, filter, rows[0], cols[0]);
  const dx = backend.makeOutput(info.inShape, 'float32');
  // Phases without taps (filter smaller than the stride) receive no gradient.
  if (![...rows, ...cols].every(used)) heapF32(backend, dx).fill(0);
  for (let ph = 0; ph < sh; ph++) {
    for (let pw = 0; pw < sw; pw++) {
      if (!used(rows[ph]) || !used(cols[pw])) continue;
      const part = phaseConv(backend, dy, filter, rows[ph], cols[pw]);
      interleave(backend, dx, part, ph, pw, sh, sw);
      disposeAll(backend, part);
    }
  }
  return dx;
}
