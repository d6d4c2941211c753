/**
 * Progress display for training runs: a cli-progress bar on a terminal, or a line every
 * 10% when stderr is not a terminal (logs, CI).
 */
import cliProgress from 'cli-progress';

export interface Progress {
  update(iteration: number, loss: number, accuracy: number): void;
  stop(): void;
}

export function progressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const start = performance.now();
  if (!stream.isTTY) {
    let nextTenth = 1;
    return {
      update(iteration, loss, accuracy) {
        if (total > 0 && iteration >= (nextTenth * total) / 10) {
          while (iteration >= (nextTenth * total) / 10) nextTenth++;
          stream.write(`${label}: ${iteration}/${total} loss ${loss.toFixed(4)} acc ${accuracy.toFixed(3)} ${((performance.now() - start) / 1000).toFixed(1)}s\n`);
        }
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      format: `${label.padEnd(7)} {bar} {value}/{total} | loss {loss} | acc {acc} | {duration_formatted}`,
      stream,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { loss: '-', acc: '-' });
  let last = 0;
  return {
    update(iteration, loss, accuracy) {
      const now = performance.now();
      if (now - last < 100 && iteration < total) return; // redraw at most 10x a second
      last = now;
      bar.update(iteration, { loss: loss.toFixed(4), acc: accuracy.toFixed(3) });
    },
    stop() {
      bar.stop();
    },
  };
}
