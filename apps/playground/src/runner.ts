/**
 * Where training runs, behind one interface for the page:
 * - `worker` (default): a Web Worker trains flat out in slices of 30 ms and posts
 *   snapshots; the page thread only draws, so it stays responsive whatever the backend
 *   and however slow one step of a large network is.
 * - `frame`: the page thread trains a slice of ~8 ms per animation frame. Kept to compare
 *   (`?runner=frame`) and as a fallback.
 * Measured in headless Chromium 150 on 2 slow cores, wasm backend, two-spirals defaults,
 * 20 s each: worker ~135 iterations/s per panel, frame ~80; both kept ~60 frames/s.
 */
import type { Command, Report } from './protocol.js';
import { Session } from './session.js';
import type { RunnerChoice } from './settings.js';

export interface Runner {
  readonly kind: RunnerChoice;
  send(cmd: Command): void;
  dispose(): void;
}

export function createRunner(kind: RunnerChoice, onReport: (r: Report) => void): Runner {
  return kind === 'worker' ? workerRunner(onReport) : frameRunner(onReport);
}

function workerRunner(onReport: (r: Report) => void): Runner {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'targetspace-trainer' });
  worker.onmessage = (e: MessageEvent<Report>) => onReport(e.data);
  // Uncaught errors inside the worker (e.g. a module that fails to load) land here.
  worker.onerror = (e: ErrorEvent) => {
    e.preventDefault();
    onReport({ type: 'error', message: `Training worker failed: ${e.message || 'could not start (see the console)'}` });
  };
  worker.onmessageerror = () => onReport({ type: 'error', message: 'Training worker sent a message that could not be read.' });
  return { kind: 'worker', send: (cmd) => worker.postMessage(cmd), dispose: () => worker.terminate() };
}

function frameRunner(onReport: (r: Report) => void): Runner {
  let frame = 0;
  const session = new Session({
    emit: onReport,
    schedule: (tick) => {
      frame = requestAnimationFrame(tick);
    },
    budgetMs: 8,
  });
  let queue: Promise<void> = Promise.resolve();
  return {
    kind: 'frame',
    send: (cmd) => {
      queue = queue.then(() => session.handle(cmd));
    },
    dispose: () => cancelAnimationFrame(frame),
  };
}
