/**
 * Test helpers for the plot tests: a small XML well-formedness checker (there is no
 * DOMParser in Node and the project takes no XML dependency), PNG decoding and pixel access.
 */
import { PNG } from 'pngjs';

/**
 * Throws unless `doc` is a well-formed XML document: an optional prolog, exactly one root
 * element, properly nested and closed tags, quoted and unique attributes, only the five
 * predefined or numeric entity references, and no characters XML 1.0 forbids.
 * Returns the element names in document order (handy for counting elements).
 */
export function assertWellFormedXml(doc: string): string[] {
  // eslint-disable-next-line no-control-regex
  const bad = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.exec(doc);
  if (bad) throw new Error(`forbidden character U+${bad[0].charCodeAt(0).toString(16)} at ${bad.index}`);
  let i = 0;
  const prolog = /^<\?xml[^?]*\?>/.exec(doc);
  if (prolog) i = prolog[0].length;
  const stack: string[] = [];
  const names: string[] = [];
  let roots = 0;
  const checkText = (s: string, at: number, attribute = false): void => {
    if (!attribute && stack.length === 0 && s.trim() !== '') throw new Error(`text outside the root element at ${at}`);
    for (const m of s.matchAll(/&([^;\s]*);?/g)) {
      if (!/^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);$/.test(m[0])) throw new Error(`bad entity '${m[0]}' at ${at + m.index}`);
    }
    if (s.includes('<')) throw new Error(`'<' in text at ${at}`);
  };
  while (i < doc.length) {
    const lt = doc.indexOf('<', i);
    const textEnd = lt === -1 ? doc.length : lt;
    checkText(doc.slice(i, textEnd), i);
    if (lt === -1) break;
    if (doc.startsWith('<!--', lt)) {
      const end = doc.indexOf('-->', lt);
      if (end === -1) throw new Error(`unclosed comment at ${lt}`);
      i = end + 3;
      continue;
    }
    const gt = doc.indexOf('>', lt);
    if (gt === -1) throw new Error(`unclosed tag at ${lt}`);
    const tag = doc.slice(lt + 1, gt);
    const close = /^\/([A-Za-z_][\w:.-]*)\s*$/.exec(tag);
    if (close) {
      const open = stack.pop();
      if (open !== close[1]) throw new Error(`</${close[1]}> closes <${open}> at ${lt}`);
    } else {
      const m = /^([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_:][\w:.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)$/.exec(tag);
      if (!m) throw new Error(`malformed tag <${tag.slice(0, 60)}> at ${lt}`);
      const seen = new Set<string>();
      for (const a of m[2]!.matchAll(/([A-Za-z_:][\w:.-]*)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
        if (seen.has(a[1]!)) throw new Error(`duplicate attribute ${a[1]} at ${lt}`);
        seen.add(a[1]!);
        checkText(a[3] ?? a[4] ?? '', lt, true);
      }
      if (stack.length === 0 && ++roots > 1) throw new Error(`second root element <${m[1]}> at ${lt}`);
      names.push(m[1]!);
      if (!m[3]) stack.push(m[1]!);
    }
    i = gt + 1;
  }
  if (stack.length) throw new Error(`unclosed <${stack.join('> <')}>`);
  if (roots !== 1) throw new Error('no root element');
  return names;
}

/** A decoded PNG. */
export interface Image {
  width: number;
  height: number;
  data: Buffer;
}

/** Decodes PNG bytes to RGBA. */
export function decodePng(bytes: Buffer): Image {
  const png = PNG.sync.read(bytes);
  return { width: png.width, height: png.height, data: png.data };
}

/** The [r, g, b, a] of the pixel at (x, y) (rounded to integers). */
export function pixel(img: Image, x: number, y: number): [number, number, number, number] {
  const k = (Math.round(y) * img.width + Math.round(x)) * 4;
  return [img.data[k]!, img.data[k + 1]!, img.data[k + 2]!, img.data[k + 3]!];
}

/** [r, g, b] of `#rrggbb`. */
export function rgb(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** The largest channel difference between a pixel and a colour. */
export function colourDistance(p: readonly number[], hex: string): number {
  const c = rgb(hex);
  return Math.max(...c.map((v, i) => Math.abs(v - p[i]!)));
}

/** How many pixels are not (near) white: a blank render has none. */
export function inkedPixels(img: Image): number {
  let n = 0;
  for (let k = 0; k < img.data.length; k += 4) {
    if (img.data[k]! < 240 || img.data[k + 1]! < 240 || img.data[k + 2]! < 240) n++;
  }
  return n;
}

/** The numeric attributes x, y, width, height of the clip rectangle (= the plot frame) in a plot SVG. */
export function frameOf(svg: string): { x: number; y: number; width: number; height: number } {
  const m = /<clipPath[^>]*><rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"\/><\/clipPath>/.exec(svg);
  if (!m) throw new Error('no clip rectangle found');
  return { x: Number(m[1]), y: Number(m[2]), width: Number(m[3]), height: Number(m[4]) };
}
