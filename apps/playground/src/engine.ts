/**
 * The training engine: the two panels' models and trainers on the same data and seed,
 * stepped in lockstep, and snapshots of what the page draws (decision surface, train and
 * test metrics). It knows nothing of the DOM, so the same code runs in the training
 * worker or on the page's own thread (see runner.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { buildData, GRID, gridPoints, selectRows } from './data.js';
import { evaluate, mlp, Model, Network, parseActivation, Trainer, type Dataset, type Space } from './lib.js';
import { PANEL_SPACES, type PanelSnapshot, type Snapshot } from './protocol.js';
import type { Settings } from './settings.js';

interface Panel {
  space: Space;
  model: Model;
  trainer: Trainer;
  /** Set when this panel's training failed (e.g. diverged); it then stops, the other goes on. */
  error: string | null;
}

export class Engine {
  private readonly panels: Panel[];
  private readonly train: Dataset;
  private readonly test: Dataset;
  private readonly grid: tf.Tensor2D;
  private disposed = false;

  constructor(readonly settings: Settings) {
    const data = buildData(settings);
    const tensors = (p: { x: Float32Array; y: Int32Array; n: number }): Dataset => ({
      x: tf.tensor2d(p.x, [p.n, 2]),
      y: tf.tensor1d(p.y, 'int32'),
    });
    this.train = tensors(data.train);
    this.test = tensors(data.test);
    this.grid = tf.tensor2d(gridPoints(GRID, data.extent), [GRID * GRID, 2]);
    this.panels = [];
    const xbar = tf.tensor2d(selectRows(data.train, data.xbarRows), [data.xbarRows.length, 2]);
    try {
      const net = new Network(mlp(2, settings.hidden, 2, parseActivation(settings.activation), settings.shortcuts));
      for (const space of PANEL_SPACES) {
        const model = Model.create(net, { space, seed: settings.seed, xbar, lambda: settings.lambda, mode: settings.mode, project: settings.project });
        let trainer: Trainer;
        try {
          trainer = new Trainer(model, this.train, {
            optimiser: { name: settings.optimiser, learningRate: settings.learningRate },
            seed: settings.seed,
          });
        } catch (e) {
          model.dispose();
          throw e;
        }
        this.panels.push({ space, model, trainer, error: null });
      }
    } catch (e) {
      this.dispose(); // a bad setting (e.g. a singular solve) must not leak the half-built engine
      throw e;
    } finally {
      xbar.dispose(); // the target-space model keeps its own copy
    }
  }

  /** The shared iteration counter: the furthest panel (they advance in lockstep). */
  get iteration(): number {
    return Math.max(...this.panels.map((p) => p.trainer.iteration));
  }

  /** True while at least one panel can still train. */
  get trainable(): boolean {
    return this.panels.some((p) => p.error === null);
  }

  /**
   * Step both panels in turn until `budgetMs` has passed (at least one step each), so a
   * caller can bound how long it holds the thread. Returns the steps taken per panel.
   */
  advance(budgetMs: number): number {
    const start = performance.now();
    let steps = 0;
    do {
      for (const p of this.panels) this.stepPanel(p);
      steps++;
    } while (this.trainable && performance.now() - start < budgetMs);
    return steps;
  }

  private stepPanel(p: Panel): void {
    if (p.error !== null) return;
    try {
      p.trainer.step();
    } catch (e) {
      p.error = e instanceof Error ? e.message : String(e);
    }
  }

  /** What the page draws now: per panel, P(class 1) on the grid and the current metrics. */
  snapshot(): Snapshot {
    const panels = {} as Record<Space, PanelSnapshot>;
    for (const p of this.panels) panels[p.space] = this.panelSnapshot(p);
    return { iteration: this.iteration, panels };
  }

  private panelSnapshot(p: Panel): PanelSnapshot {
    const base = { space: p.space, iteration: p.trainer.iteration, error: p.error };
    try {
      const probs = tf.tidy(() => tf.slice(tf.softmax(p.model.predict(this.grid)), [0, 1], [-1, 1]));
      const surface = probs.dataSync() as Float32Array;
      probs.dispose();
      const train = evaluate(p.model, this.train, 'cross_entropy');
      const test = evaluate(p.model, this.test, 'cross_entropy');
      return { ...base, surface, train, test };
    } catch (e) {
      // A model whose targets diverged may no longer realise; report, do not crash the page.
      p.error ??= e instanceof Error ? e.message : String(e);
      return { ...base, error: p.error, surface: null, train: null, test: null };
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const p of this.panels) {
      p.trainer.dispose();
      p.model.dispose();
    }
    tf.dispose([this.train.x, this.train.y, this.test.x, this.test.y, this.grid]);
  }
}
