/**
 * A worker process running one experiment job (the wasm backend is single-threaded, so
 * parallel runs use processes). Messages: in {type: 'run', spec, dir} and {type: 'stop'};
 * out {type: 'step', iteration, loss, accuracy} (throttled) and {type: 'done', finished} or
 * {type: 'error', message}.
 */
import { useBackend } from '../backend/index.js';
import { runJob, type JobSpec } from '../node/job.js';
import { RunDir } from '../node/run_dir.js';
import { taskFigures } from '../node/task_figures.js';

let stop = false;
const send = (m: object) => process.send?.(m);

process.on('SIGINT', () => {
  stop = true; // the parent decides; finish the step and save
});
process.on('SIGTERM', () => {
  stop = true;
});

process.on('message', async (m: { type: string; spec?: JobSpec; dir?: string }) => {
  if (m.type === 'stop') {
    stop = true;
    return;
  }
  if (m.type !== 'run') return;
  try {
    await useBackend('wasm');
    let last = 0;
    const result = await runJob(m.spec!, RunDir.open(m.dir!), {
      onStep: (iteration, loss, accuracy) => {
        const now = performance.now();
        if (now - last > 200) {
          last = now;
          send({ type: 'step', iteration, loss, accuracy });
        }
      },
      shouldStop: () => stop,
      figures: taskFigures(m.spec!.task),
    });
    send({ type: 'done', finished: result !== null });
  } catch (e) {
    send({ type: 'error', message: (e as Error).message });
  }
  process.disconnect?.();
});
