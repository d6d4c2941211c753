/**
 * Download progress on stderr: a live bar on a terminal (cli-progress), a line per 10%
 * otherwise (CI logs and pipes would fill with bar redraws), or nothing.
 */
import cliProgress from 'cli-progress';

/** 'auto': 'bar' when stderr is a TTY, else 'lines'. */
export type ProgressMode = 'auto' | 'bar' | 'lines' | 'none';

/** Receives byte counts of one download. */
export interface Progress {
  /** @param total the full size in bytes when known; @param at bytes already present (resume) */
  start(total: number | undefined, at: number): void;
  /** @param at bytes present so far */
  update(at: number): void;
  stop(): void;
}

/**
 * A progress reporter for downloading `name`.
 * @param log where 'lines' output goes; default stderr
 */
export function makeProgress(mode: ProgressMode, name: string, log?: (line: string) => void): Progress {
  const resolved = mode === 'auto' ? (process.stderr.isTTY ? 'bar' : 'lines') : mode;
  if (resolved === 'none') return { start() {}, update() {}, stop() {} };
  const write = log ?? ((line: string) => process.stderr.write(`${line}\n`));
  return resolved === 'bar' ? barProgress(name, write) : lineProgress(name, write);
}

const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);

function lineProgress(name: string, write: (line: string) => void): Progress {
  let total: number | undefined;
  let lastDecile = 0;
  let at = 0;
  return {
    start(t, from) {
      total = t;
      at = from;
      lastDecile = total ? Math.floor((10 * from) / total) : 0;
      write(`${name}: downloading${total ? ` ${mb(total)} MB` : ''}${from > 0 ? `, resuming at ${mb(from)} MB` : ''}`);
    },
    update(now) {
      at = now;
      if (!total) return;
      const decile = Math.min(10, Math.floor((10 * now) / total));
      if (decile > lastDecile) {
        lastDecile = decile;
        write(`${name}: ${decile * 10}% (${mb(now)} of ${mb(total)} MB)`);
      }
    },
    stop() {
      // Unknown sizes get one closing line, as they had no percentages.
      if (!total) write(`${name}: ${mb(at)} MB received`);
    },
  };
}

function barProgress(name: string, write: (line: string) => void): Progress {
  let bar: cliProgress.SingleBar | undefined;
  let fallback: Progress | undefined;
  return {
    start(total, from) {
      if (!total) {
        // A bar needs a total; without one, say how much arrived at the end.
        fallback = lineProgress(name, write);
        fallback.start(total, from);
        return;
      }
      bar = new cliProgress.SingleBar(
        {
          format: `${name} [{bar}] {percentage}% | {got}/{size} MB | ETA {eta_formatted}`,
          stream: process.stderr,
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, from, { got: mb(from), size: mb(total) });
    },
    update(at) {
      bar?.update(at, { got: mb(at) });
      fallback?.update(at);
    },
    stop() {
      bar?.stop();
      fallback?.stop();
    },
  };
}
