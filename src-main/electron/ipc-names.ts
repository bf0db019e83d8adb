// Runs in: Electron main and the preload. The IPC names both sides use; zod-free so the preload stays small.
import type { AnyfillErrorData } from '../../src-shared/contract/errors';

/** The one ipcMain.handle channel and the one event channel. */
export const INVOKE_CHANNEL = 'anyfill:invoke';
export const EVENT_CHANNEL = 'anyfill:event';

/** What crosses IPC back to the preload: errors travel as data because Electron drops Error fields. */
export type InvokeReply = { ok: true; result: unknown } | { ok: false; error: AnyfillErrorData };
