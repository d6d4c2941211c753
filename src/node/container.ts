/**
 * The binary container of checkpoints and saved models: `TSCK` magic, a uint32 header
 * length, the JSON header (padded to 4 bytes), then float32 data (little-endian).
 * Written atomically, so a kill at any moment leaves the previous good file in place.
 */
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from './atomic.js';

const MAGIC = 'TSCK';

export function writeContainer(path: string, header: object, data: Float32Array): void {
  const h = Buffer.from(JSON.stringify(header), 'utf8');
  const pad = (4 - ((8 + h.length) % 4)) % 4;
  const out = Buffer.alloc(8 + h.length + pad + data.byteLength);
  out.write(MAGIC, 0, 'ascii');
  out.writeUInt32LE(h.length + pad, 4);
  h.copy(out, 8);
  out.fill(0x20, 8 + h.length, 8 + h.length + pad);
  Buffer.from(data.buffer, data.byteOffset, data.byteLength).copy(out, 8 + h.length + pad);
  writeFileAtomic(path, out);
}

/**
 * Read a container; `what` names the kind of file in errors. Throws a clear error for a
 * missing, foreign, truncated or unreadable file.
 */
export function readContainer(path: string, what: string): { header: Record<string, unknown>; data: Float32Array; corrupt: (why: string) => Error } {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    throw new Error(`cannot read ${what} '${path}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`);
  }
  const corrupt = (why: string) => new Error(`${what} '${path}' is corrupt (${why}); delete it to start that part afresh.`);
  if (buf.length < 8 || buf.toString('ascii', 0, 4) !== MAGIC) throw corrupt(`not a targetspace ${what}`);
  const hlen = buf.readUInt32LE(4);
  if (8 + hlen > buf.length) throw corrupt('truncated header');
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(buf.toString('utf8', 8, 8 + hlen)) as Record<string, unknown>;
  } catch {
    throw corrupt('unreadable header');
  }
  const bytes = buf.length - 8 - hlen;
  if (bytes % 4 !== 0) throw corrupt('truncated data');
  const data = new Float32Array(bytes / 4);
  Buffer.from(data.buffer).set(buf.subarray(8 + hlen));
  const entries = [header.variables, header.optimiser, header.xbar ? [header.xbar] : []].flat().filter(Boolean) as { offset: number; shape: number[] }[];
  const need = entries.reduce((m, e) => Math.max(m, e.offset + e.shape.reduce((a, b) => a * b, 1)), 0);
  if (need > data.length) throw corrupt('truncated data');
  return { header, data, corrupt };
}
