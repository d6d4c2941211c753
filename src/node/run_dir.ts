/**
 * A run directory: where a run writes its resolved configuration, metrics, summary,
 * plots and checkpoints. JSON and images are written atomically; metrics CSVs are
 * appended row by row (and flushed), so an interrupted run keeps every row it logged.
 */
import { accessSync, appendFileSync, constants, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mkdirp, writeFileAtomic, writeJsonAtomic } from './atomic.js';

export class RunDir {
  private constructor(readonly path: string) {}

  /** Create (or reuse) the directory, with a one-line error if it cannot be written. */
  static open(path: string): RunDir {
    const abs = resolve(path);
    try {
      mkdirp(abs);
      if (!statSync(abs).isDirectory()) throw new Error('not a directory');
      accessSync(abs, constants.W_OK);
    } catch (e) {
      const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      throw new Error(`cannot write the output directory '${path}' (${why}): choose another --out.`);
    }
    return new RunDir(abs);
  }

  /**
   * Start afresh in a reused directory: remove what an earlier run or experiment wrote
   * there (metrics, checkpoints, results, figures, jobs/), leaving other files alone.
   */
  clearRun(): void {
    const ours = /^(config|summary|results)\.json$|^(metrics|checkpoint|result|surface|curves|surfaces|accuracy)[-\w.]*\.(csv|bin|json|svg|png)$|^report\.html$|^model-(target|weight)$|^jobs$/;
    for (const f of readdirSync(this.path)) if (ours.test(f)) rmSync(join(this.path, f), { recursive: true, force: true });
  }

  file(name: string): string {
    return join(this.path, name);
  }

  writeJson(name: string, value: unknown): void {
    writeJsonAtomic(this.file(name), value);
  }

  writeFile(name: string, data: string | Uint8Array): void {
    writeFileAtomic(this.file(name), data);
  }

  /** Start a CSV file with a header (replacing any old one); returns a row appender. */
  csv(name: string, header: string[]): (row: (string | number | null)[]) => void {
    const path = this.file(name);
    writeFileSync(path, header.join(',') + '\n');
    return (row) => appendFileSync(path, row.map(csvCell).join(',') + '\n');
  }

  /** Continue an existing CSV (resume); creates it with the header if missing. */
  csvAppend(name: string, header: string[]): (row: (string | number | null)[]) => void {
    const path = this.file(name);
    try {
      statSync(path);
    } catch {
      writeFileSync(path, header.join(',') + '\n');
    }
    return (row) => appendFileSync(path, row.map(csvCell).join(',') + '\n');
  }
}

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(Number(v.toPrecision(7))) : String(v);
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
