/**
 * `window.__playground`: a stable, read-only view of the page's state for tests and for
 * curious users in the console. Updated on every snapshot and every drawn frame.
 */
import type { Space } from './lib.js';
import type { TrainerStats } from './protocol.js';
import type { Settings } from './settings.js';

export interface PanelHook {
  iteration: number;
  trainAccuracy: number | null;
  testAccuracy: number | null;
  trainLoss: number | null;
  testLoss: number | null;
  /** Decision surfaces drawn since the page loaded. */
  drawnFrames: number;
  /** Training speed over the last couple of seconds while playing. */
  iterationsPerSecond: number;
  error: string | null;
}

export interface PlaygroundHook {
  /** The shared iteration counter. */
  iteration: number;
  panels: Record<Space, PanelHook>;
  /** The TensorFlow.js backend training runs on, once started ('' before). */
  backend: string;
  runner: string;
  running: boolean;
  settings: Settings;
  /** Where the training thread's time went since the last reset. */
  trainerStats: TrainerStats | null;
  /** Every message shown in the error banner. */
  errors: string[];
}

declare global {
  interface Window {
    __playground: PlaygroundHook;
  }
}

const emptyPanel = (): PanelHook => ({
  iteration: 0,
  trainAccuracy: null,
  testAccuracy: null,
  trainLoss: null,
  testLoss: null,
  drawnFrames: 0,
  iterationsPerSecond: 0,
  error: null,
});

export function installHook(settings: Settings, errors: string[]): PlaygroundHook {
  const hook: PlaygroundHook = {
    iteration: 0,
    panels: { target: emptyPanel(), weight: emptyPanel() },
    backend: '',
    runner: settings.runner,
    running: false,
    settings,
    trainerStats: null,
    errors,
  };
  window.__playground = hook;
  return hook;
}
