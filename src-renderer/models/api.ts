// Runs in: renderer. What other features may use of models/ (the floors: a feature reaches another only here).
export { openModelManager } from './model-actions';
export { getModels, installedPackIds, useModels } from './models-store';
