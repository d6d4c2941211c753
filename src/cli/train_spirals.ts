/**
 * `targetspace train spirals`: experiment E1 in one or both spaces.
 */
import { Command, Option } from 'commander';
import { parseActivation, ACTIVATIONS } from '../nn/activations.js';
import { DEFAULT_SETTINGS } from '../experiments/settings.js';
import { probabilityGrid, spiralsTask, SPIRALS_DEFAULTS, SPIRALS_EXTENT } from '../experiments/spirals.js';
import { twoSpirals } from '../data/spirals.js';
import { RunDir } from '../node/run_dir.js';
import { runTask } from '../node/run_task.js';
import { writeFigures } from '../node/figures.js';
import { addCommonOptions, defaultOutDir, settingsFrom, type CommonOptions } from './common_options.js';
import { intList, oneOf, positiveNumber } from './parse.js';
import { comparisonTable } from './table.js';
import { stopSignal } from './signals.js';
import { surfaceFigure } from '../experiments/figures.js';
import { pngDataUri } from '../node/png.js';

/** Decision-surface resolution (cells per side). */
const GRID = 200;

interface SpiralsCliOptions extends CommonOptions {
  hidden: number[];
  activation: string;
  alpha?: number;
  shortcuts: boolean;
}

export function spiralsCommand(): Command {
  const cmd = new Command('spirals').description('two-spirals (paper E1): 2-5-5-5-2 tanh with shortcuts, X̄ = training set, full batch');
  addCommonOptions(cmd, DEFAULT_SETTINGS)
    .addOption(new Option('--hidden <sizes>', 'hidden layer sizes').default(SPIRALS_DEFAULTS.hidden, '5,5,5').argParser(intList))
    .addOption(new Option('--activation <name>', `hidden activation: ${ACTIVATIONS.join(', ')}`).default('tanh').argParser(oneOf([...ACTIVATIONS, 'leaky-relu'])))
    .addOption(new Option('--alpha <x>', 'leaky relu negative slope (default 0.2)').argParser(positiveNumber))
    .addOption(new Option('--no-shortcuts', 'no shortcut connections'))
    .action(async (o: SpiralsCliOptions) => {
      const settings = settingsFrom(o, DEFAULT_SETTINGS);
      const taskOptions = { hidden: o.hidden, activation: parseActivation(o.activation, o.alpha), shortcuts: o.shortcuts };
      const out = o.out ?? defaultOutDir('spirals');
      const dir = RunDir.open(out);
      const task = spiralsTask(taskOptions);
      const stop = stopSignal();
      try {
        const { summary, results, figures } = await runTask(task, settings, dir, {
          config: { spirals: taskOptions },
          progress: o.progress,
          shouldStop: stop.requested,
          figures: (model, space) => ({
            surface: surfaceFigure(probabilityGrid((x) => model.predict(x), SPIRALS_EXTENT, GRID), GRID, SPIRALS_EXTENT, `${space} space`, twoSpirals('train'), twoSpirals('test'), pngDataUri),
          }),
        });
        const written = writeFigures(dir, results, figures);
        console.log(`\n${comparisonTable(summary)}\n`);
        console.log(`Run directory: ${dir.path}`);
        for (const f of written) console.log(`  ${f}`);
      } finally {
        stop.dispose();
      }
    });
  return cmd;
}
