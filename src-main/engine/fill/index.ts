// Runs in: engine process. Content-aware fill: the public surface of this folder (fillSync and
// pastePatch are pure; runFill runs fillSync in a worker thread).
export type { FillImage, FillMethod, FillPatch, FillProgress, FillRequest, FillResult } from './types';
export { fillSync } from './fill';
export { pastePatch } from '../images/paste-patch';
export { runFill, type RunFillOptions } from './fill-client';
