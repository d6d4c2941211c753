import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { svgToPng, writePng } from '../../src/node/png.js';
import { decodePng, inkedPixels } from './xml.js';

const doc = (w: number, h: number, body = ''): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="100%" height="100%" fill="#fff"/>${body}</svg>`;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'targetspace-png-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

describe('svgToPng', () => {
  it('renders at the SVG size or scaled to a width', () => {
    const svg = doc(200, 100, '<circle cx="100" cy="50" r="30" fill="#000"/>');
    const a = decodePng(svgToPng(svg));
    expect([a.width, a.height]).toEqual([200, 100]);
    const b = decodePng(svgToPng(svg, { width: 500 }));
    expect([b.width, b.height]).toEqual([500, 250]);
    expect(inkedPixels(b)).toBeGreaterThan(inkedPixels(a) * 5);
  });

  it('sets text in DejaVu Sans even without a font-family', () => {
    const img = decodePng(svgToPng(doc(200, 40, '<text x="10" y="30" font-size="20">Hello</text>')));
    expect(inkedPixels(img)).toBeGreaterThan(100);
  });

  it('throws on malformed SVG', () => {
    expect(() => svgToPng('<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>')).toThrow();
  });
});

describe('writePng', () => {
  it('writes the PNG and leaves no temporary file behind', async () => {
    const path = join(dir, 'out.png');
    await writePng(path, doc(30, 20), { width: 60 });
    const img = decodePng(await readFile(path));
    expect([img.width, img.height]).toEqual([60, 40]);
    expect(await readdir(dir)).toEqual(['out.png']);
  });

  it('keeps an existing file when rendering fails', async () => {
    const path = join(dir, 'out.png');
    await writeFile(path, 'old');
    await expect(writePng(path, '<svg')).rejects.toThrow();
    expect(await readFile(path, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['out.png']);
  });

  it('fails cleanly when the directory does not exist', async () => {
    await expect(writePng(join(dir, 'missing', 'x.png'), doc(10, 10))).rejects.toThrow(/ENOENT/);
    expect(await readdir(dir)).toEqual([]);
  });
});
