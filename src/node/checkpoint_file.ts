/**
 * Checkpoint files: `TSCK` magic, a uint32 header length, the JSON header, then the
 * float32 data (little-endian), written atomically so a kill at any moment leaves the
 * previous good checkpoint in place.
 */
import { readFileSync } from 'node:fs';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, type Checkpoint, type CheckpointHeader } from '../train/checkpoint.js';
import { writeFileAtomic } from './atomic.js';

const MAGIC = 'TSCK';

export function writeCheckpoint(path: string, ck: Checkpoint): void {
  const header = Buffer.from(JSON.stringify(ck.header), 'utf8');
  const pad = (4 - ((8 + header.length) % 4)) % 4; // align the floats
  const out = Buffer.alloc(8 + header.length + pad + ck.data.byteLength);
  out.write(MAGIC, 0, 'ascii');
  out.writeUInt32LE(header.length + pad, 4);
  header.copy(out, 8);
  out.fill(0x20, 8 + header.length, 8 + header.length + pad);
  Buffer.from(ck.data.buffer, ck.data.byteOffset, ck.data.byteLength).copy(out, 8 + header.length + pad);
  writeFileAtomic(path, out);
}

export function readCheckpoint(path: string): Checkpoint {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    throw new Error(`cannot read checkpoint '${path}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`);
  }
  const corrupt = (why: string) => new Error(`checkpoint '${path}' is corrupt (${why}); delete it to restart that run from scratch.`);
  if (buf.length < 8 || buf.toString('ascii', 0, 4) !== MAGIC) throw corrupt('not a targetspace checkpoint');
  const hlen = buf.readUInt32LE(4);
  if (8 + hlen > buf.length) throw corrupt('truncated header');
  let header: CheckpointHeader;
  try {
    header = JSON.parse(buf.toString('utf8', 8, 8 + hlen)) as CheckpointHeader;
  } catch {
    throw corrupt('unreadable header');
  }
  if (header.format !== CHECKPOINT_FORMAT) throw corrupt('wrong format');
  if (header.version !== CHECKPOINT_VERSION) throw new Error(`checkpoint '${path}' has version ${header.version}; this targetspace reads version ${CHECKPOINT_VERSION}.`);
  const bytes = buf.length - 8 - hlen;
  if (bytes % 4 !== 0) throw corrupt('truncated data');
  const data = new Float32Array(bytes / 4);
  Buffer.from(data.buffer).set(buf.subarray(8 + hlen));
  const need = [...header.variables, ...header.optimiser].reduce((m, e) => Math.max(m, e.offset + e.shape.reduce((a, b) => a * b, 1)), 0);
  if (need > data.length) throw corrupt('truncated data');
  return { header, data };
}
