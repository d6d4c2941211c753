/**
 * targetspace: deep learning in target space (Fairbank, Samothrakis, Citi, JMLR 2022)
 * on TensorFlow.js. The public API, browser-safe; the CLI and the browser playground use
 * only this (plus `targetspace/node` for files, data sets and runs in Node).
 */
export { useBackend, type BackendName } from './backend/index.js';
export { ridgeSolve, type RidgeOptions, type RidgeForm, type GramPrecision } from './linalg/ridge_solve.js';
// The ordinary network (knows nothing of targets).
export { activate, parseActivation, ACTIVATIONS, type Activation, type ActivationName } from './nn/activations.js';
export { mlp, buildLayer, type LayerConfig, type NetworkConfig } from './nn/config.js';
export type { DenseConfig } from './nn/dense.js';
export type { Conv2DConfig } from './nn/conv2d.js';
export type { Pooling2DConfig } from './nn/pooling.js';
export type { FlattenConfig } from './nn/flatten.js';
export type { DropoutConfig } from './nn/dropout.js';
export type { RnnConfig } from './nn/rnn.js';
export type { LstmConfig } from './nn/lstm.js';
export type { EmbeddingConfig } from './nn/embedding.js';
export type { LastStepConfig } from './nn/last_step.js';
export type { Layer, LayerParams, NetParams, Shape, ApplyContext, LinearForm } from './nn/layer.js';
export { Network, forward, forwardTrace, initialParams } from './nn/network.js';
// Target space: targets -> weights.
export { realise, targetLayers, type RealiseMode, type RealiseOptions, type Targets } from './target/realise.js';
export { initialTargets, project } from './target/targets.js';
// Training, in either space.
export { Model, SPACES, type ModelOptions, type Space, type TargetSettings } from './train/model.js';
export { fit, type FitOptions, type FitResult, type FitState, type MetricsRow } from './train/fit.js';
export { Trainer, type TrainerOptions, type TrainerState, type StepResult } from './train/trainer.js';
export { evaluate, type Dataset, type Evaluation } from './train/evaluate.js';
export { lossValue, accuracy, LOSSES, type LossName } from './train/losses.js';
export { createOptimiser, OPTIMISERS, type OptimiserConfig, type OptimiserName } from './train/optimisers.js';
export { captureCheckpoint, restoreCheckpoint, type Checkpoint, type CheckpointHeader } from './train/checkpoint.js';
export { serialiseModel, deserialiseModel, type ModelHeader } from './train/model_state.js';
export { toLayersModel } from './export/layers_model.js';
// Data generators (pure).
export { twoSpirals, spiralsCsv, type PointSet } from './data/spirals.js';
export { toy2d, circles, xor, gaussianBlobs, jitter, TOY2D, TOY2D_RADIUS, type Toy2dName, type Toy2dOptions } from './data/toy2d.js';
export { bitTask, paperHiddenUnits, BIT_TASKS, type BitTaskName, type BitTaskData } from './data/bits.js';
export { Tokenizer } from './data/tokenizer.js';
export { Rng } from './util/rng.js';
// Experiments of the paper.
export { PRESETS, findPreset, type ExperimentPreset } from './experiments/presets.js';
export { DEFAULT_SETTINGS, type TrainSettings } from './experiments/settings.js';
export { ARCH_PRESETS, cnn, type ArchSpec } from './experiments/architectures.js';
