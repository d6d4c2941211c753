#!/usr/bin/env node
/**
 * The `targetspace` command line.
 */
import { Command, CommanderError } from 'commander';
import { useBackend } from '../backend/index.js';
import { spiralsCommand } from './train_spirals.js';
import { imageCommand } from './train_images.js';
import { bitsCommand, textCommand } from './train_sequences.js';
import { executeRun, readRunConfig } from './run_command.js';
import { freezeRun } from '../node/freeze.js';
import { predictFile } from '../node/predict.js';
import { experimentCommand, experimentsCommand, resumeExperiment } from './experiment_command.js';

export function program(): Command {
  const prog = new Command('targetspace')
    .description('Train neural networks in target space (Fairbank, Samothrakis, Citi, JMLR 2022) or weight space, side by side.')
    .showSuggestionAfterError(true);
  const train = new Command('train').description('train one task in target and/or weight space');
  train.addCommand(spiralsCommand());
  for (const dataset of ['mnist', 'fashion-mnist', 'cifar10', 'cifar100'] as const) train.addCommand(imageCommand(dataset));
  train.addCommand(bitsCommand());
  train.addCommand(textCommand());
  prog.addCommand(train);
  prog.addCommand(experimentsCommand());
  prog.addCommand(experimentCommand());
  prog.addCommand(
    new Command('freeze')
      .description('turn a trained run (either space) into plain weights, exported as a TensorFlow.js LayersModel')
      .argument('<run>', 'a run directory, an experiment job directory, or a checkpoint file')
      .option('--out <dir>', 'where to write model-<space>/ (default: beside the checkpoint)')
      .action(async (run: string, o: { out?: string }) => {
        for (const d of await freezeRun(run, o.out)) console.log(`wrote ${d}/model.json and weights.bin (load with tf.loadLayersModel)`);
      }),
  );
  prog.addCommand(
    new Command('predict')
      .description('predict with an exported model: inputs from a CSV/JSON file of numbers, or a PNG image')
      .argument('<model>', "a directory written by 'targetspace freeze'")
      .argument('<input>', 'a .csv/.txt/.json file of inputs (row-major), or a .png image')
      .action(async (modelDir: string, input: string) => {
        for (const p of await predictFile(modelDir, input)) console.log(JSON.stringify({ class: p.class, probabilities: p.probabilities.map((v) => Number(v.toFixed(6))) }));
      }),
  );
  prog.addCommand(
    new Command('resume')
      .description('continue an interrupted run or experiment from its checkpoints (finished parts are skipped)')
      .argument('<dir>', 'the run directory')
      .option('--no-progress', 'no progress bars')
      .action(async (dir: string, o: { progress: boolean }) => {
        const config = readRunConfig(dir);
        if (config.kind === 'run') await executeRun(config, dir, o.progress, true);
        else await resumeExperiment(dir, o.progress);
      }),
  );
  return prog;
}

async function main(argv: string[]): Promise<void> {
  const prog = program();
  prog.exitOverride();
  prog.hook('preAction', async () => {
    await useBackend('wasm');
  });
  try {
    await prog.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander has already printed its one-line message (or help/version).
      process.exitCode = e.exitCode === 0 ? 0 : 2;
      return;
    }
    process.stderr.write(`targetspace: ${(e as Error).message}\n`);
    if (process.env.TARGETSPACE_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
    process.exitCode = 1;
  }
}

await main(process.argv);
