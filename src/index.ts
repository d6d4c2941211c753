/**
 * targetspace: deep learning in target space (Fairbank, Samothrakis, Citi, JMLR 2022)
 * on TensorFlow.js. The public API; the CLI and the browser playground use only this.
 */
export { useBackend, type BackendName } from './backend/index.js';
export { ridgeSolve, type RidgeOptions, type RidgeForm, type GramPrecision } from './linalg/ridge_solve.js';
export { activate, parseActivation, ACTIVATIONS, type Activation, type ActivationName } from './nn/activations.js';
export { mlp, buildLayer, type LayerConfig, type NetworkConfig } from './nn/config.js';
export type { Layer, LayerParams, NetParams, Shape, ApplyContext, LinearForm } from './nn/layer.js';
export { Network, forward, forwardTrace, initialParams } from './nn/network.js';
export { realise, type RealiseMode, type RealiseOptions, type Targets } from './target/realise.js';
export { initialTargets, project } from './target/targets.js';
export { Model, SPACES, type ModelOptions, type Space, type TargetSettings } from './train/model.js';
export { fit, type FitOptions, type FitResult, type MetricsRow } from './train/fit.js';
export { Trainer, type TrainerOptions, type TrainerState, type StepResult } from './train/trainer.js';
export { evaluate, type Dataset, type Evaluation } from './train/evaluate.js';
export { lossValue, accuracy, LOSSES, type LossName } from './train/losses.js';
export { createOptimiser, OPTIMISERS, type OptimiserConfig, type OptimiserName } from './train/optimisers.js';
export { twoSpirals, spiralsCsv, type PointSet } from './data/spirals.js';
export { Rng } from './util/rng.js';
