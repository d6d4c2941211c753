/**
 * Node-side rasterising for the SVG plots of src/plot: SVG -> PNG with resvg (a Rust SVG
 * renderer, no browser needed), atomic PNG files, and the pngjs-backed raster encoder that
 * `decisionSurface` uses to embed its probability map as an image.
 */
import { randomBytes } from 'node:crypto';
import { rm, writeFile, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { PNG } from 'pngjs';

/** Options for {@link svgToPng}. */
export interface PngOptions {
  /** Output width in pixels; the height follows the SVG's aspect ratio. Default: the SVG's own width. */
  width?: number;
}

/**
 * Rasterises an SVG document to PNG bytes. Text is set in DejaVu Sans: the plots name it
 * first in their font stack, and making it resvg's default (and sans-serif) family keeps
 * output identical on machines where the stack's other fonts happen to exist.
 * @throws when the SVG is not well-formed XML (resvg parses strictly).
 */
export function svgToPng(svg: string, opts: PngOptions = {}): Buffer {
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    fitTo: opts.width !== undefined ? { mode: 'width', value: Math.round(opts.width) } : { mode: 'original' },
    logLevel: 'off',
  });
  return resvg.render().asPng();
}

/**
 * Renders `svg` and writes it to `path` atomically: the PNG goes to a temporary file in the
 * same directory (so the rename cannot cross file systems) and is renamed over `path`, so a
 * reader never sees a half-written image and a failed render leaves any old file intact.
 */
export async function writePng(path: string, svg: string, opts: PngOptions = {}): Promise<void> {
  const png = svgToPng(svg, opts);
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, png);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/**
 * Encodes RGBA pixels (row-major, 4 bytes per pixel) as a PNG data URI: the Node
 * implementation of `RasterEncoder` for `decisionSurface` (a browser passes one built on a
 * canvas instead).
 */
export function pngDataUri(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): string {
  if (rgba.length !== width * height * 4) throw new Error(`pngDataUri: ${rgba.length} bytes for ${width}x${height} RGBA`);
  let opaque = true;
  for (let i = 3; i < rgba.length && opaque; i += 4) opaque = rgba[i] === 255;
  const png = new PNG({ width, height });
  png.data = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  // RGB without alpha when every pixel is opaque: a quarter fewer bytes to deflate and embed.
  const bytes = PNG.sync.write(png, { colorType: opaque ? 2 : 6, deflateLevel: 9 });
  return `data:image/png;base64,${bytes.toString('base64')}`;
}
