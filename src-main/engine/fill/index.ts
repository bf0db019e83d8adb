// Runs in: engine process (pure). Content-aware fill: the public surface of this folder.
export type { FillImage, FillMethod, FillPatch, FillProgress, FillRequest, FillResult } from './types';
export { fillSync } from './fill';
export { pastePatch } from './patch';
