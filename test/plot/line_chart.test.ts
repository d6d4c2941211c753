import { describe, expect, it } from 'vitest';
import { lineChart, type LineChartSpec } from '../../src/plot/line_chart.js';
import { SPACE_COLOURS } from '../../src/plot/svg.js';
import { svgToPng } from '../../src/node/png.js';
import { assertWellFormedXml, colourDistance, decodePng, frameOf, inkedPixels, pixel } from './xml.js';

/** A learning-curve-like series: exponential decay over 0..n. */
function decay(n: number, tau: number, step = 50): Array<[number, number]> {
  const pts: Array<[number, number]> = [];
  for (let i = 0; i <= n; i += step) pts.push([i, 0.7 * Math.exp(-i / tau) + 0.001]);
  return pts;
}

const loss: LineChartSpec = {
  title: 'Training loss',
  xLabel: 'Iteration',
  yLabel: 'Loss',
  yLog: true,
  series: [
    { name: 'Target space', space: 'target', points: decay(4000, 500), band: decay(4000, 500).map(([x, y]) => [x, y * 0.8, y * 1.25]) },
    { name: 'Weight space', space: 'weight', points: decay(4000, 3000) },
  ],
};

/** The `d` of the path stroked in `colour`. */
function strokePath(svg: string, colour: string): string {
  const m = new RegExp(`<path d="([^"]*)" fill="none" stroke="${colour}"`).exec(svg);
  if (!m) throw new Error(`no path stroked ${colour}`);
  return m[1]!;
}

describe('lineChart', () => {
  it('writes a well-formed SVG document that resvg renders', () => {
    const svg = lineChart(loss);
    expect(svg.startsWith('<?xml')).toBe(true);
    const names = assertWellFormedXml(svg);
    expect(names[0]).toBe('svg');
    expect(svg).toContain('Training loss');
    const img = decodePng(svgToPng(svg));
    expect([img.width, img.height]).toEqual([640, 400]);
  });

  it('escapes text and never writes NaN into the markup', () => {
    const svg = lineChart({
      title: 'a < b & "c" \'d\' \u0001',
      series: [{ name: '<x>', points: [[0, 1], [1, NaN], [2, 3], [NaN, 4], [4, Infinity], [5, 2], [6, 1]] }],
    });
    assertWellFormedXml(svg);
    expect(svg).toContain('a &lt; b &amp; &quot;c&quot; &apos;d&apos;');
    expect(svg).not.toMatch(/NaN|Infinity/);
    // Gaps split the line: [0,1] alone (drawn as a dot), [2,3] alone, then [5,2]-[6,1].
    const d = strokePath(svg, SPACE_COLOURS.target);
    expect(d.match(/M/g)).toHaveLength(3);
    expect(svg.match(/<circle /g)).toHaveLength(2);
    svgToPng(svg);
  });

  it('skips non-positive values on a log axis', () => {
    const svg = lineChart({ yLog: true, series: [{ name: 's', points: [[0, 1], [1, 0], [2, -1], [3, 0.1], [4, 0.01]] }] });
    assertWellFormedXml(svg);
    expect(strokePath(svg, SPACE_COLOURS.target).match(/M/g)).toHaveLength(2);
    expect(svg).toContain('>0.01<');
    expect(svg).toContain('>1<');
  });

  it('handles empty series and no series at all', () => {
    for (const series of [[], [{ name: 'empty', points: [] }], [{ name: 'all missing', points: [[NaN, NaN]] as Array<[number, number]> }]]) {
      const svg = lineChart({ title: 'nothing', series });
      assertWellFormedXml(svg);
      expect(svg).toContain('no data');
      expect(svg).not.toMatch(/NaN/);
      expect(inkedPixels(decodePng(svgToPng(svg)))).toBeGreaterThan(500);
    }
  });

  it('keeps a fixed y range and labels it with aligned decimals', () => {
    const svg = lineChart({ yRange: [0, 1], series: [{ name: 'acc', points: [[0, 0.5], [10, 0.93]] }] });
    for (const label of ['0.0', '0.2', '0.4', '0.6', '0.8', '1.0']) expect(svg).toContain(`>${label}<`);
  });

  it('puts the legend where the curves are not', () => {
    const legendAt = (svg: string): { x: number; y: number } => {
      const m = /<rect x="([\d.]+)" y="([\d.]+)" width="[\d.]+" height="[\d.]+" rx="3"/.exec(svg)!;
      return { x: Number(m[1]), y: Number(m[2]) };
    };
    // Polylines hugging the frame on [0, 1]² axes: each corner box is either crossed or free.
    const where = (points: Array<[number, number]>): string => {
      const svg = lineChart({ xRange: [0, 1], yRange: [0, 1], series: [{ name: 'a long series name', points }] });
      const f = frameOf(svg);
      const box = legendAt(svg);
      return `${box.y < f.y + f.height / 2 ? 'top' : 'bottom'}-${box.x < f.x + f.width / 2 ? 'left' : 'right'}`;
    };
    const [a, b] = [0.03, 0.97];
    expect(where([[a, a], [a, b], [b, b]])).toBe('bottom-right');
    expect(where([[a, b], [b, b], [b, a]])).toBe('bottom-left');
    expect(where([[b, b], [b, a], [a, a]])).toBe('top-left');
    expect(where([[a, a], [b, b]])).toBe('top-left'); // two free corners: the preferred one
    expect(where([[a, b], [b, a]])).toBe('top-right');
    // A falling learning curve leaves the top right free.
    const falling = lineChart({ series: [{ name: 'loss', points: decay(1000, 100) }] });
    expect(legendAt(falling).x).toBeGreaterThan(frameOf(falling).x + frameOf(falling).width / 2);
    expect(legendAt(falling).y).toBeLessThan(frameOf(falling).y + frameOf(falling).height / 2);
  });

  it('renders at the requested size, not blank, in the space colours', () => {
    const img = decodePng(svgToPng(lineChart(loss), { width: 1280 }));
    expect([img.width, img.height]).toEqual([1280, 800]);
    expect(inkedPixels(img)).toBeGreaterThan(20_000);
    let red = 0;
    let blue = 0;
    for (let y = 0; y < img.height; y += 2) {
      for (let x = 0; x < img.width; x += 2) {
        const p = pixel(img, x, y);
        if (colourDistance(p, SPACE_COLOURS.target) < 30) red++;
        if (colourDistance(p, SPACE_COLOURS.weight) < 30) blue++;
      }
    }
    expect(red).toBeGreaterThan(200);
    expect(blue).toBeGreaterThan(200);
  });

  it('really renders the text: a different title gives a different image', () => {
    const svgA = lineChart({ ...loss, title: 'Spirals' });
    const a = decodePng(svgToPng(svgA));
    const b = decodePng(svgToPng(lineChart({ ...loss, title: 'Recall' })));
    // Rows above the frame hold only the title; below it the two charts are identical.
    const split = Math.floor(frameOf(svgA).y) - 2;
    const rows = (img: typeof a, from: number, to: number): Buffer => img.data.subarray(from * img.width * 4, to * img.width * 4);
    expect(inkedPixels({ width: a.width, height: split, data: rows(a, 0, split) })).toBeGreaterThan(100);
    expect(rows(a, 0, split).equals(rows(b, 0, split))).toBe(false);
    expect(rows(a, split, a.height).equals(rows(b, split, b.height))).toBe(true);
  });

  it('draws markers on the frame edge whole, outside the clip group', () => {
    const svg = lineChart({ xRange: [0, 30], yRange: [0, 1], series: [{ name: 'acc', points: [[10, 0.5], [30, 1]], markers: true }] });
    const clipped = /<g clip-path="[^"]*">(.*?)<\/g>/s.exec(svg)![1]!;
    expect(clipped).not.toContain('<circle');
    expect(svg.match(/<circle /g)).toHaveLength(3); // two points and the legend sample
  });

  it('thins x ticks until their labels fit', () => {
    const svg = lineChart({ width: 260, height: 200, series: [{ name: '', points: [[0, 0], [98_000, 1]] }] });
    const labels = [...svg.matchAll(/<text x="[\d.]+" y="[\d.]+" text-anchor="middle">([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(labels.length).toBeGreaterThanOrEqual(2);
    expect(labels.length).toBeLessThanOrEqual(4);
    expect(labels).toContain('100000');
  });

  it('is deterministic, with ids that differ between different charts', () => {
    expect(lineChart(loss)).toBe(lineChart(loss));
    const id = (svg: string): string => /<clipPath id="([^"]+)"/.exec(svg)![1]!;
    expect(id(lineChart(loss))).not.toBe(id(lineChart({ ...loss, title: 'other' })));
  });
});
