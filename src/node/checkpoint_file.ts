/**
 * Checkpoint files (see container.ts for the layout).
 */
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, type Checkpoint, type CheckpointHeader } from '../train/checkpoint.js';
import { readContainer, writeContainer } from './container.js';

export function writeCheckpoint(path: string, ck: Checkpoint): void {
  writeContainer(path, ck.header, ck.data);
}

export function readCheckpoint(path: string): Checkpoint {
  const { header, data, corrupt } = readContainer(path, 'checkpoint');
  if (header.format !== CHECKPOINT_FORMAT) throw corrupt('not a targetspace checkpoint');
  if (header.version !== CHECKPOINT_VERSION) throw new Error(`checkpoint '${path}' has version ${String(header.version)}; this targetspace reads version ${CHECKPOINT_VERSION}.`);
  return { header: header as unknown as CheckpointHeader, data };
}
