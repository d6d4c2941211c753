/**
 * `targetspace train spirals`: experiment E1 in one or both spaces.
 */
import { Command, Option } from 'commander';
import { parseActivation, ACTIVATIONS } from '../nn/activations.js';
import { DEFAULT_SETTINGS } from '../experiments/settings.js';
import { SPIRALS_DEFAULTS } from '../experiments/spirals.js';
import { addCommonOptions, defaultOutDir, settingsFrom, type CommonOptions } from './common_options.js';
import { intList, oneOf, positiveNumber } from './parse.js';
import { executeRun } from './run_command.js';

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
      const task = { kind: 'spirals' as const, hidden: o.hidden, activation: parseActivation(o.activation, o.alpha), shortcuts: o.shortcuts };
      await executeRun({ kind: 'run', task, settings }, o.out ?? defaultOutDir('spirals'), o.progress);
    });
  return cmd;
}
