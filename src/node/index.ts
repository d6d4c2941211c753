/**
 * `targetspace/node`: the Node-only edges of the library: data sets (cache, download),
 * run directories, checkpoints on disk, model export, runs and experiments.
 */
export { loadImageDataset, type ImageDataset, type ImageSplit } from './image_datasets.js';
export { loadImdb } from './imdb.js';
export { loadSpam } from './spam.js';
export { defaultCacheDir } from './cache.js';
export { readCheckpoint, writeCheckpoint } from './checkpoint_file.js';
export { saveLayersModel, loadLayersModel, fileHandler } from './export_model.js';
export { freezeRun } from './freeze.js';
export { predictFile } from './predict.js';
export { makeTask } from './tasks.js';
export { runTask, type RunConfig, type RunSummary } from './run_task.js';
export { RunDir } from './run_dir.js';
export { svgToPng, writePng } from './png.js';
export { saveModel, loadModel } from './model_file.js';
