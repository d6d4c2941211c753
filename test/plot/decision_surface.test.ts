import { describe, expect, it } from 'vitest';
import { decisionSurface, gridInputs, sideBySide, type DecisionSurfaceSpec } from '../../src/plot/decision_surface.js';
import { CLASS_COLOURS, rasterise, toHex, twoColourMap } from '../../src/plot/colour_map.js';
import { isoSegments } from '../../src/plot/contour.js';
import { pngDataUri, svgToPng } from '../../src/node/png.js';
import { assertWellFormedXml, colourDistance, decodePng, frameOf, inkedPixels, pixel, type Image } from './xml.js';

const map = twoColourMap();
const C0 = toHex(map(0));
const C1 = toHex(map(1));

/** A rows × cols grid with P = f(row, col). */
function grid(rows: number, cols: number, f: (r: number, c: number) => number): Float32Array {
  const g = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) g[r * cols + c] = f(r, c);
  return g;
}

/** Class 0 on the left half, class 1 on the right half. */
const leftRight: DecisionSurfaceSpec = { grid: grid(8, 8, (_, c) => (c < 4 ? 0 : 1)), rows: 8, cols: 8, extent: [-1, 1, -1, 1], title: 'left/right' };

/** Renders and returns the image with a function sampling the plot frame at fractions (fx from left, fy from top). */
function render(svg: string, width?: number): { img: Image; at: (fx: number, fy: number) => [number, number, number, number] } {
  const img = decodePng(svgToPng(svg, { width }));
  const f = frameOf(svg);
  const scale = img.width / Number(/width="([\d.]+)"/.exec(svg)![1]);
  return { img, at: (fx, fy) => pixel(img, (f.x + fx * f.width) * scale, (f.y + fy * f.height) * scale) };
}

describe('decisionSurface', () => {
  for (const [name, encoder] of [['embedded PNG', pngDataUri], ['SVG rectangles', undefined]] as const) {
    it(`shows each class's colour where the grid says so (${name})`, () => {
      const svg = decisionSurface({ ...leftRight, encoder });
      assertWellFormedXml(svg);
      expect(svg.includes('data:image/png;base64,')).toBe(encoder !== undefined);
      const { at } = render(svg, 920);
      for (const fy of [0.15, 0.5, 0.85]) {
        expect(colourDistance(at(0.2, fy), C0)).toBeLessThanOrEqual(3);
        expect(colourDistance(at(0.8, fy), C1)).toBeLessThanOrEqual(3);
      }
    });
  }

  it('puts row 0 at the top (largest y)', () => {
    const svg = decisionSurface({ grid: grid(6, 3, (r) => (r < 3 ? 1 : 0)), rows: 6, cols: 3, extent: [0, 3, 0, 6], encoder: pngDataUri });
    const { at } = render(svg);
    expect(colourDistance(at(0.5, 0.2), C1)).toBeLessThanOrEqual(3);
    expect(colourDistance(at(0.5, 0.8), C0)).toBeLessThanOrEqual(3);
  });

  it('draws the p = 0.5 boundary, and a pale ridge there', () => {
    const svg = decisionSurface({ ...leftRight, encoder: pngDataUri, boundary: false });
    const { at } = render(svg, 920);
    // Halfway between the two middle cell centres P interpolates to 0.5, which is white; the
    // renderer's own smoothing of the 4-pixels-per-cell raster greys it a little.
    const mid = at(0.5, 0.5);
    expect(colourDistance(mid, '#ffffff')).toBeLessThanOrEqual(30);
    const lightness = (p: readonly number[]): number => p[0]! + p[1]! + p[2]!;
    expect(lightness(mid)).toBeGreaterThan(lightness(at(0.2, 0.5)) + 100);
    expect(lightness(mid)).toBeGreaterThan(lightness(at(0.8, 0.5)) + 100);
    const withLine = render(decisionSurface({ ...leftRight, encoder: pngDataUri }), 920);
    expect(Math.max(...withLine.at(0.5, 0.5).slice(0, 3))).toBeLessThan(200);
  });

  it('draws training points as discs and test points as rings in the class colours', () => {
    const flat = grid(4, 4, () => 0.5); // white map: only the points have colour
    const spec: DecisionSurfaceSpec = {
      grid: flat, rows: 4, cols: 4, extent: [-1, 1, -1, 1], encoder: pngDataUri, boundary: false,
      train: { x: [-0.5, 0.5, 0.5, -0.5], y: [0, 1] },
      test: { x: [0.5, 0.5, NaN, 0], y: [0, 1] },
    };
    const svg = decisionSurface(spec);
    assertWellFormedXml(svg);
    const { at, img } = render(svg, 920);
    const f = frameOf(svg);
    const scale = img.width / 460;
    // Frame fractions of data point (x, y) on [-1, 1]².
    const fx = (x: number): number => (x + 1) / 2;
    const fy = (y: number): number => (1 - y) / 2;
    expect(colourDistance(at(fx(-0.5), fy(0.5)), CLASS_COLOURS[0])).toBeLessThanOrEqual(10);
    expect(colourDistance(at(fx(0.5), fy(-0.5)), CLASS_COLOURS[1])).toBeLessThanOrEqual(10);
    // The test ring of class 0 at (0.5, 0.5): hollow centre, coloured rim (r = 3.4 CSS px).
    expect(colourDistance(at(fx(0.5), fy(0.5)), '#ffffff')).toBeLessThanOrEqual(10);
    const rim = pixel(img, (f.x + fx(0.5) * f.width + 3.4) * scale, (f.y + fy(0.5) * f.height) * scale);
    expect(colourDistance(rim, CLASS_COLOURS[0])).toBeLessThanOrEqual(40);
  });

  it('leaves NaN cells blank and rejects a grid of the wrong size', () => {
    const svg = decisionSurface({ grid: grid(4, 4, (_, c) => (c < 2 ? NaN : 1)), rows: 4, cols: 4, extent: [0, 1, 0, 1], encoder: pngDataUri });
    const { at } = render(svg);
    expect(colourDistance(at(0.1, 0.5), '#ffffff')).toBeLessThanOrEqual(2);
    expect(colourDistance(at(0.9, 0.5), C1)).toBeLessThanOrEqual(3);
    expect(() => decisionSurface({ ...leftRight, rows: 7 })).toThrow(/expected rows\*cols/);
    expect(() => decisionSurface({ ...leftRight, extent: [1, 1, 0, 1] })).toThrow(/extent/);
  });

  it('keeps equal aspect: a 2:1 extent gives a 2:1 frame', () => {
    const f = frameOf(decisionSurface({ ...leftRight, extent: [0, 2, 0, 1] }));
    expect(f.width / f.height).toBeCloseTo(2, 1);
  });
});

describe('grid convention helpers', () => {
  it('gridInputs gives the cell centres, row 0 at the top', () => {
    expect([...gridInputs([0, 2, 0, 2], 2, 2)]).toEqual([0.5, 1.5, 1.5, 1.5, 0.5, 0.5, 1.5, 0.5]);
  });

  it('rasterise interpolates P, not colours, and keeps the corners exact', () => {
    const px = rasterise([0, 1], 1, 2, 2, 1, map);
    expect(toHex([px[0]!, px[1]!, px[2]!])).toBe(C0);
    expect(toHex([px[4]!, px[5]!, px[6]!])).toBe(C1);
    const mid = rasterise([0, 1, 0, 1], 2, 2, 3, 2, map); // middle column: P = 0.5
    expect(toHex([mid[4]!, mid[5]!, mid[6]!])).toBe('#ffffff');
  });

  it('isoSegments finds the vertical boundary between the two halves', () => {
    const segs = isoSegments(leftRight.grid, 8, 8, 0.5);
    expect(segs).toHaveLength(7);
    for (const [a, b] of segs) {
      expect(a[0]).toBeCloseTo(3.5);
      expect(b[0]).toBeCloseTo(3.5);
    }
  });

  it('pngDataUri round-trips pixels', () => {
    const rgba = new Uint8ClampedArray([255, 0, 0, 255, 0, 0, 255, 128]);
    const uri = pngDataUri(rgba, 2, 1);
    const img = decodePng(Buffer.from(uri.replace(/^data:image\/png;base64,/, ''), 'base64'));
    expect([...img.data]).toEqual([...rgba]);
  });
});

describe('sideBySide', () => {
  it('places panels left to right with titles and renders them', () => {
    const a = decisionSurface({ grid: grid(2, 2, () => 0), rows: 2, cols: 2, extent: [0, 1, 0, 1], encoder: pngDataUri });
    const b = decisionSurface({ grid: grid(2, 2, () => 1), rows: 2, cols: 2, extent: [0, 1, 0, 1], encoder: pngDataUri });
    const svg = sideBySide([a, b], ['Target space', 'Weight & co'], { gap: 10, title: 'Both' });
    assertWellFormedXml(svg);
    expect(svg).toContain('Weight &amp; co');
    expect(svg).toMatch(/^<\?xml[^>]*>\n<svg[^>]* width="930"/);
    const img = decodePng(svgToPng(svg));
    expect(img.width).toBe(930);
    // Each panel sits at its offset (plus the title bands) with its own colours.
    const f = frameOf(a);
    const dy = Number(/<svg x="0" y="([\d.]+)"/.exec(svg)![1]);
    expect(dy).toBeGreaterThan(20);
    expect(colourDistance(pixel(img, f.x + f.width / 2, dy + f.y + f.height / 2), C0)).toBeLessThanOrEqual(3);
    expect(colourDistance(pixel(img, 470 + f.x + f.width / 2, dy + f.y + f.height / 2), C1)).toBeLessThanOrEqual(3);
    expect(inkedPixels(img)).toBeGreaterThan(1000);
  });

  it('rejects something that is not an SVG document', () => {
    expect(() => sideBySide(['<html></html>'])).toThrow(/no <svg> root/);
  });
});
