/**
 * What the training side (worker or same-thread runner) tells the page, and what the
 * page asks of it. Plain data only: every message survives structured cloning.
 */
import type { Evaluation, Space } from './lib.js';
import type { BackendChoice, Settings } from './settings.js';

/** The panels, in page order. */
export const PANEL_SPACES: readonly Space[] = ['target', 'weight'];

export interface PanelSnapshot {
  space: Space;
  iteration: number;
  /** P(class 1) on the GRID x GRID lattice, row 0 at the top; null if it could not be computed. */
  surface: Float32Array | null;
  /** Metrics on the whole training and test sets with the current weights. */
  train: Evaluation | null;
  test: Evaluation | null;
  /** Why this panel stopped training, if it did (e.g. diverged). */
  error: string | null;
}

export interface Snapshot {
  /** The shared iteration counter. */
  iteration: number;
  panels: Record<Space, PanelSnapshot>;
}

/** Where the training thread's time went since the last reset (to measure runners and backends). */
export interface TrainerStats {
  /** Milliseconds spent stepping (both panels) and taking snapshots. */
  stepMs: number;
  snapshotMs: number;
  snapshots: number;
  /** Live tensors on the training thread after the last snapshot (a leak check: constant while training). */
  tensors: number;
}

/** Page -> trainer. `reset` rebuilds the models (new settings) and then plays if `play`. */
export type Command =
  | { type: 'init'; backend: BackendChoice }
  | { type: 'reset'; settings: Settings; play: boolean; generation: number }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step' };

/** Trainer -> page. A snapshot carries `generation` so the page can drop stale ones after a reset. */
export type Report =
  | { type: 'ready'; backend: string; note: string }
  | { type: 'snapshot'; generation: number; snapshot: Snapshot; running: boolean; stats: TrainerStats }
  | { type: 'error'; message: string };
