/**
 * The training worker: runs a Session off the page's thread, so training never blocks
 * drawing or input. Commands are queued so that each one sees the previous finished
 * (`init` is asynchronous: the backend loads first).
 */
import type { Command, Report } from './protocol.js';
import { Session } from './session.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;

// A MessageChannel yields to the event loop (so pause/reset get in) without the 4 ms
// clamp that nested setTimeout(0) calls get.
const channel = new MessageChannel();
let pending: (() => void) | null = null;
channel.port1.onmessage = () => {
  const f = pending;
  pending = null;
  f?.();
};

const session = new Session({
  emit: (report: Report) => {
    const transfer = report.type === 'snapshot' ? surfaces(report) : [];
    scope.postMessage(report, transfer);
  },
  schedule: (tick) => {
    pending = tick;
    channel.port2.postMessage(null);
  },
  budgetMs: 30,
});

/** The surface arrays move to the page instead of being copied. */
function surfaces(report: Extract<Report, { type: 'snapshot' }>): Transferable[] {
  return Object.values(report.snapshot.panels).flatMap((p) => (p.surface ? [p.surface.buffer as ArrayBuffer] : []));
}

let queue: Promise<void> = Promise.resolve();
scope.onmessage = (event: MessageEvent<Command>) => {
  queue = queue.then(() => session.handle(event.data));
};
