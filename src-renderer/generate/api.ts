// Runs in: renderer. What other features may use of generate/ (the floors: a feature reaches another only here).
export { installedSdPacks } from './generate-actions';
export { clampNumber, getGenerateSettings, setGenerateSettings, useGenerateSettings } from './generate-settings';
export { discardResults } from './results-actions';
