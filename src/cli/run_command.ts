/**
 * Execute a `train` run from the command line: progress, graceful interruption, figures,
 * the comparison table. Shared by every task and by `--resume`.
 */
import { readFileSync } from 'node:fs';
import { writeRunFigures } from '../node/figures.js';
import { RunDir } from '../node/run_dir.js';
import { runTask, type RunConfig } from '../node/run_task.js';
import { taskFigures } from '../node/task_figures.js';
import { progressBar } from './progress.js';
import { stopSignal } from './signals.js';
import { comparisonTable } from './table.js';

export async function executeRun(config: RunConfig, out: string, progress = true, resume = false): Promise<void> {
  const dir = RunDir.open(out);
  if (!resume) dir.clearRun();
  const stop = stopSignal();
  try {
    const outcome = await runTask(config, dir, { progress: progress ? progressBar : undefined, shouldStop: stop.requested, figures: taskFigures(config.task) });
    if (!outcome.complete) {
      process.stderr.write(`Stopped. Checkpoints and metrics are in ${dir.path}; continue with: targetspace resume ${out}\n`);
      process.exitCode = 130;
      return;
    }
    const written = writeRunFigures(dir, outcome.results.map((r) => ({ space: r.spec.space, history: r.history })));
    console.log(`\n${comparisonTable(outcome.summary)}\n`);
    console.log(`Run directory: ${dir.path}`);
    for (const f of ['config.json', 'summary.json', ...outcome.results.map((r) => `metrics-${r.spec.space}.csv`), ...written]) console.log(`  ${f}`);
  } finally {
    stop.dispose();
  }
}

/** Read a run directory's saved configuration (for resume). */
export function readRunConfig(dir: string): RunConfig | { kind: 'experiment' } {
  let json: { kind?: string };
  try {
    json = JSON.parse(readFileSync(`${dir}/config.json`, 'utf8'));
  } catch (e) {
    throw new Error(`cannot resume '${dir}': no readable config.json there (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
  }
  if (json.kind !== 'run' && json.kind !== 'experiment') throw new Error(`cannot resume '${dir}': its config.json is not a targetspace run or experiment.`);
  return json as RunConfig | { kind: 'experiment' };
}
