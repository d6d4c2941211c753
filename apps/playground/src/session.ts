/**
 * The training side's control loop, the same in a worker and on the page: it owns the
 * engine, obeys commands (play, pause, step, reset) and sends snapshots at a bounded
 * rate. Where it runs only changes how the next slice of training is scheduled
 * (`schedule`) and how long one slice may hold the thread (`budgetMs`).
 */
import * as tf from '@tensorflow/tfjs';
import { startBackend } from './backend.js';
import { Engine } from './engine.js';
import type { Command, Report, TrainerStats } from './protocol.js';

/** Snapshots (surface + metrics: one realisation and a 10k-point forward pass per panel) at most this often. */
export const SNAPSHOT_MS = 120;

/**
 * ... and at most this share of the training thread's time: a wide network's snapshot can
 * take longer than SNAPSHOT_MS (190 ms for 4 x 64 units), which would starve training.
 */
export const SNAPSHOT_SHARE = 0.25;

export interface SessionHooks {
  emit(report: Report): void;
  schedule(tick: () => void): void;
  /** How long one slice of training may run before yielding the thread. */
  budgetMs: number;
}

export class Session {
  private engine: Engine | null = null;
  private running = false;
  private scheduled = false;
  private generation = 0;
  private lastSnapshot = 0;
  private snapshotInterval = SNAPSHOT_MS;
  private stats: TrainerStats = { stepMs: 0, snapshotMs: 0, snapshots: 0, tensors: 0 };

  constructor(private readonly hooks: SessionHooks) {}

  /** Handle one command; failures are reported to the page, never thrown. */
  async handle(cmd: Command): Promise<void> {
    try {
      switch (cmd.type) {
        case 'init': {
          const backend = await startBackend(cmd.backend);
          this.hooks.emit({ type: 'ready', backend: backend.name, note: backend.note });
          return;
        }
        case 'reset':
          this.running = false;
          this.engine?.dispose();
          this.engine = null;
          this.generation = cmd.generation;
          this.stats = { stepMs: 0, snapshotMs: 0, snapshots: 0, tensors: 0 };
          this.engine = new Engine(cmd.settings);
          this.running = cmd.play;
          this.sendSnapshot();
          this.kick();
          return;
        case 'play':
          this.running = this.engine !== null;
          this.kick();
          return;
        case 'pause':
          this.running = false;
          this.sendSnapshot();
          return;
        case 'step':
          this.running = false;
          this.advance(0);
          this.sendSnapshot();
          return;
      }
    } catch (e) {
      this.running = false;
      this.hooks.emit({ type: 'error', message: e instanceof Error ? e.message : String(e) });
      this.sendSnapshot();
    }
  }

  private kick(): void {
    if (!this.running || this.scheduled) return;
    this.scheduled = true;
    this.hooks.schedule(() => {
      this.scheduled = false;
      this.tick();
    });
  }

  private tick(): void {
    const engine = this.engine;
    if (!this.running || !engine) return;
    try {
      this.advance(this.hooks.budgetMs);
      if (!engine.trainable) this.running = false;
      if (!this.running || performance.now() - this.lastSnapshot >= this.snapshotInterval) this.sendSnapshot();
    } catch (e) {
      this.running = false;
      this.hooks.emit({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    }
    this.kick();
  }

  private advance(budgetMs: number): void {
    const start = performance.now();
    try {
      this.engine?.advance(budgetMs);
    } finally {
      this.stats.stepMs += performance.now() - start;
    }
  }

  private sendSnapshot(): void {
    if (!this.engine) return;
    const start = performance.now();
    const snapshot = this.engine.snapshot();
    this.lastSnapshot = performance.now();
    const took = this.lastSnapshot - start;
    this.snapshotInterval = Math.max(SNAPSHOT_MS, (took * (1 - SNAPSHOT_SHARE)) / SNAPSHOT_SHARE);
    this.stats.snapshotMs += took;
    this.stats.snapshots++;
    this.stats.tensors = tf.memory().numTensors;
    this.hooks.emit({ type: 'snapshot', generation: this.generation, snapshot, running: this.running, stats: { ...this.stats } });
  }
}
