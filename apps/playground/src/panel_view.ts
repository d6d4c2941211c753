/**
 * One panel on the page (target space or weight space): its decision surface, readouts
 * and learning curves. It keeps the curves' history and counts the frames it has drawn
 * (a hook for tests: window.__playground.panels[space].drawnFrames).
 */
import { Curve, drawChart } from './chart.js';
import type { PlaygroundData } from './data.js';
import { el } from './dom.js';
import type { Space } from './lib.js';
import type { PanelSnapshot } from './protocol.js';
import { drawSurface } from './surface.js';

const TITLES: Record<Space, [string, string]> = {
  target: ['Target space', 'trains targets on X̄; weights are solved from them'],
  weight: ['Weight space', 'trains the same network\u2019s weights directly'],
};

const pct = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '–' : `${(100 * v).toFixed(1)}%`);
const num = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '–' : v < 0.01 ? v.toExponential(2) : v.toFixed(3));

export class PanelView {
  readonly root: HTMLElement;
  drawnFrames = 0;
  last: PanelSnapshot | null = null;
  private readonly surface: HTMLCanvasElement;
  private readonly lossChart: HTMLCanvasElement;
  private readonly accChart: HTMLCanvasElement;
  private readonly out: Record<'iteration' | 'trainAcc' | 'testAcc' | 'trainLoss' | 'testLoss' | 'speed', HTMLElement>;
  private readonly status: HTMLElement;
  private readonly loss = new Curve();
  private readonly acc = new Curve();

  constructor(readonly space: Space) {
    const id = (what: string) => `${space}-${what}`;
    const readout = (label: string, what: string) => {
      const value = el('span', { 'data-testid': id(what), class: 'value' }, '–');
      return [el('dt', {}, label), el('dd', {}, value), value] as const;
    };
    const rows = {
      iteration: readout('iteration', 'iteration'),
      trainAcc: readout('train accuracy', 'train-accuracy'),
      testAcc: readout('test accuracy', 'test-accuracy'),
      trainLoss: readout('train loss', 'train-loss'),
      testLoss: readout('test loss', 'test-loss'),
      speed: readout('iterations/s', 'speed'),
    };
    this.out = Object.fromEntries(Object.entries(rows).map(([k, r]) => [k, r[2]])) as PanelView['out'];
    this.surface = el('canvas', { class: 'surface', 'data-testid': id('surface'), 'aria-label': `${TITLES[space][0]} decision surface` });
    this.lossChart = el('canvas', { class: 'chart', 'data-testid': id('loss-chart') });
    this.accChart = el('canvas', { class: 'chart', 'data-testid': id('accuracy-chart') });
    this.status = el('p', { class: 'panel-status', 'data-testid': id('status') });
    this.root = el(
      'section',
      { class: `panel panel-${space}`, 'data-testid': id('panel') },
      el('h2', {}, TITLES[space][0]),
      el('p', { class: 'subtitle' }, TITLES[space][1]),
      this.surface,
      el('dl', { class: 'readouts' }, ...Object.values(rows).flatMap((r) => [r[0], r[1]])),
      this.status,
      this.lossChart,
      this.accChart,
    );
  }

  /** Forget the previous run (new settings or reset). */
  reset(): void {
    this.loss.clear();
    this.acc.clear();
    this.last = null;
    this.status.textContent = '';
    this.out.iteration.textContent = '0';
  }

  /** Take a new snapshot's numbers; drawing waits for `draw` (once per animation frame). */
  update(s: PanelSnapshot, speed: number): void {
    this.last = s;
    this.out.iteration.textContent = String(s.iteration);
    this.out.trainAcc.textContent = pct(s.train?.accuracy);
    this.out.testAcc.textContent = pct(s.test?.accuracy);
    this.out.trainLoss.textContent = num(s.train?.loss);
    this.out.testLoss.textContent = num(s.test?.loss);
    this.out.speed.textContent = speed > 0 ? speed.toFixed(0) : '–';
    this.status.textContent = s.error ? `Stopped: ${s.error}` : '';
    if (s.train && s.test) {
      this.loss.add({ iteration: s.iteration, train: s.train.loss, test: s.test.loss });
      this.acc.add({ iteration: s.iteration, train: s.train.accuracy, test: s.test.accuracy });
    }
  }

  draw(data: PlaygroundData, gridSize: number): void {
    for (const c of [this.surface, this.lossChart, this.accChart]) fitCanvas(c);
    drawSurface(this.surface, { surface: this.last?.surface ?? null, gridSize, extent: data.extent, train: data.train, test: data.test });
    drawChart(this.lossChart, this.loss, { title: 'loss (log)', log: true, range: null, format: (v) => v.toPrecision(2) });
    drawChart(this.accChart, this.acc, { title: 'accuracy', log: false, range: [0, 1], format: (v) => v.toFixed(1) });
    if (this.last?.surface) this.drawnFrames++;
  }
}

/** Size a canvas's bitmap to its CSS box times the device pixel ratio (sharp on any screen). */
function fitCanvas(c: HTMLCanvasElement): void {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.round((c.clientWidth || 300) * dpr);
  const h = Math.round((c.clientHeight || 150) * dpr);
  if (c.width !== w || c.height !== h) [c.width, c.height] = [w, h];
}
