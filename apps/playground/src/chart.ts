/**
 * Learning curves: train (solid) and test (dashed) over iterations, one small canvas per
 * quantity. Loss is drawn on a log scale (it spans decades as training converges);
 * accuracy on [0, 1]. The history is thinned to a bounded length so drawing stays cheap
 * however long the run.
 */

export interface CurvePoint {
  iteration: number;
  train: number;
  test: number;
}

/** Keep at most this many points: beyond it every other one is dropped. */
const MAX_POINTS = 600;

export class Curve {
  readonly points: CurvePoint[] = [];
  private stride = 1;
  private seen = 0;

  add(p: CurvePoint): void {
    if (this.points.length > 0 && p.iteration <= this.points[this.points.length - 1].iteration) {
      this.points[this.points.length - 1] = p; // a repeat snapshot (pause, step): replace
      return;
    }
    if (this.seen++ % this.stride === 0) this.points.push(p);
    else this.points[this.points.length - 1] = p; // the newest point is always shown
    if (this.points.length > MAX_POINTS) {
      const kept = this.points.filter((_, i) => i % 2 === 0 || i === this.points.length - 1);
      this.points.splice(0, this.points.length, ...kept);
      this.stride *= 2;
    }
  }

  clear(): void {
    this.points.length = 0;
    this.stride = 1;
    this.seen = 0;
  }
}

export interface ChartStyle {
  title: string;
  log: boolean;
  /** Fixed range (accuracy), or null to fit the data (loss). */
  range: [number, number] | null;
  format: (v: number) => string;
}

const COLOURS = { train: '#1f3a5f', test: '#c2410c', grid: '#d8dce2', text: '#5b6573' };

export function drawChart(canvas: HTMLCanvasElement, curve: Curve, style: ChartStyle): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const dpr = canvas.width / Math.max(1, canvas.clientWidth || canvas.width);
  const { width: w, height: h } = canvas;
  ctx.clearRect(0, 0, w, h);
  const pad = { l: 40 * dpr, r: 8 * dpr, t: 16 * dpr, b: 14 * dpr };
  const pts = curve.points;
  const tf = (v: number) => (style.log ? Math.log10(Math.max(v, 1e-6)) : v);
  let [lo, hi] = style.range ?? [Infinity, -Infinity];
  if (!style.range) {
    for (const p of pts) for (const v of [p.train, p.test]) if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, tf(v)), Math.max(hi, tf(v))];
    if (!Number.isFinite(lo)) [lo, hi] = [0, 1];
    if (hi - lo < 1e-3) [lo, hi] = [lo - 0.5, hi + 0.5];
  }
  const maxIt = Math.max(10, pts.length ? pts[pts.length - 1].iteration : 0);
  const x = (it: number) => pad.l + (it / maxIt) * (w - pad.l - pad.r);
  const y = (v: number) => pad.t + (1 - (v - lo) / (hi - lo)) * (h - pad.t - pad.b);

  ctx.font = `${10 * dpr}px system-ui, sans-serif`;
  ctx.fillStyle = COLOURS.text;
  ctx.strokeStyle = COLOURS.grid;
  ctx.lineWidth = dpr;
  for (const v of [lo, (lo + hi) / 2, hi]) {
    ctx.beginPath();
    ctx.moveTo(pad.l, y(v));
    ctx.lineTo(w - pad.r, y(v));
    ctx.stroke();
    ctx.fillText(style.format(style.log ? 10 ** v : v), 2 * dpr, y(v) + 3 * dpr);
  }
  ctx.fillText(style.title, pad.l, 11 * dpr);
  legend(ctx, w - pad.r, 7 * dpr, dpr);

  for (const key of ['train', 'test'] as const) {
    ctx.beginPath();
    ctx.strokeStyle = COLOURS[key];
    ctx.lineWidth = 1.5 * dpr;
    ctx.setLineDash(key === 'test' ? [4 * dpr, 3 * dpr] : []);
    let started = false;
    for (const p of pts) {
      if (!Number.isFinite(p[key])) continue;
      const [px, py] = [x(p.iteration), y(tf(p[key]))];
      if (started) ctx.lineTo(px, py);
      else ctx.moveTo(px, py);
      started = true;
    }
    ctx.stroke();
  }
  ctx.setLineDash([]);
}

/** "— train  - - test", right-aligned at (right, y). */
function legend(ctx: CanvasRenderingContext2D, right: number, y: number, dpr: number): void {
  let x = right;
  for (const key of ['test', 'train'] as const) {
    const label = ` ${key}`;
    x -= ctx.measureText(label).width;
    ctx.fillStyle = COLOURS.text;
    ctx.fillText(label, x, y + 3 * dpr);
    x -= 18 * dpr;
    ctx.beginPath();
    ctx.strokeStyle = COLOURS[key];
    ctx.lineWidth = 1.5 * dpr;
    ctx.setLineDash(key === 'test' ? [4 * dpr, 3 * dpr] : []);
    ctx.moveTo(x, y);
    ctx.lineTo(x + 16 * dpr, y);
    ctx.stroke();
    x -= 10 * dpr;
  }
  ctx.setLineDash([]);
}
