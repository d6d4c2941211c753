/**
 * Backend start-up for whichever thread trains: WebGL where the browser has it in
 * hardware, then wasm (SIMD where supported), then plain JavaScript, through the
 * library's useBackend. The wasm binaries are emitted by vite as assets (`?url`), so the
 * built page needs no extra copying and works from any base path.
 *
 * Why `auto` skips a software WebGL (SwiftShader, llvmpipe: e.g. headless Chromium or a
 * machine without a GPU driver): every step reads small matrices back for the float64
 * least-squares solves, and emulated WebGL made that ~20x slower than wasm (measured in
 * headless Chromium 150: 5 against 100 iterations/s per panel on two-spirals).
 * `?backend=webgl` still forces it.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { useBackend, type BackendName } from './lib.js';
import type { BackendChoice } from './settings.js';

export interface BackendInfo {
  name: BackendName;
  /** Why the choice differs from the first preference, if it does (shown on the page). */
  note: string;
}

/** Initialise the chosen backend (`auto`: hardware WebGL, else wasm, else cpu). */
export async function startBackend(choice: BackendChoice): Promise<BackendInfo> {
  // Asset URLs may be relative to the page; make them absolute so a worker resolves them too.
  const abs = (u: string) => new URL(u, self.location.href).href;
  setWasmPaths({
    'tfjs-backend-wasm.wasm': abs(wasmPlain),
    'tfjs-backend-wasm-simd.wasm': abs(wasmSimd),
    'tfjs-backend-wasm-threaded-simd.wasm': abs(wasmThreadedSimd),
  });
  if (choice !== 'auto') return { name: await useBackend([choice]), note: '' };
  const renderer = webglRenderer();
  const software = renderer === null ? null : /swiftshader|llvmpipe|softpipe|software/i.exec(renderer)?.[0] ?? null;
  const order: BackendName[] = renderer === null || software ? ['wasm', 'cpu'] : ['webgl', 'wasm', 'cpu'];
  const name = await useBackend(order);
  const note = renderer === null ? 'no WebGL here' : software ? `WebGL is software-rendered here (${software})` : '';
  return { name, note: name === 'webgl' ? '' : note };
}

/** The WebGL renderer's name in this thread (a worker uses an OffscreenCanvas), or null without WebGL. */
function webglRenderer(): string | null {
  try {
    const canvas = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(1, 1) : document.createElement('canvas');
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
    if (!gl) return null;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext(); // tfjs makes its own context
    return name;
  } catch {
    return null;
  }
}
