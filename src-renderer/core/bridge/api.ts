// Runs in: renderer. The one way to reach the host: window.anyfill (Electron preload) or the browser bridge.
import type { AnyfillApi } from '../../../src-shared/contract/api';
import { toErrorData, type AnyfillErrorData } from '../../../src-shared/contract/errors';
import { BrowserBridge } from './browser-bridge';
import type { ConnectionState } from './ws-client';

let instance: AnyfillApi | null = null;

export function getApi(): AnyfillApi {
  if (instance) return instance;
  // Not declared on Window globally: the preload's own typing may do that later; avoid a clash.
  const fromPreload = (window as unknown as { anyfill?: AnyfillApi }).anyfill;
  instance = fromPreload ?? new BrowserBridge();
  return instance;
}

/** Connection to the host, for the status bar. Electron's IPC never disconnects. */
export function onConnectionChange(listener: (s: ConnectionState) => void): () => void {
  const api = getApi();
  return api instanceof BrowserBridge ? api.onConnectionChange(listener) : () => undefined;
}

/** Error data from anything a rejected api call (or our own code) may throw. */
export function errorData(err: unknown): AnyfillErrorData {
  return toErrorData(err);
}

/** A request replaced by a newer one or cancelled by the user: nothing to tell anyone. */
export const isCancelled = (err: unknown): boolean => toErrorData(err).code === 'CANCELLED';

/** One sentence for the message area. Engine errors already carry one; everything else gets a generic line. */
export function userMessage(err: unknown, fallback = 'Something went wrong inside Anyfill.'): string {
  const data = toErrorData(err);
  if (data.code === 'INTERNAL' && data.message === 'Something went wrong inside Anyfill.') {
    if (data.detail) console.error('[anyfill]', data.detail);
    return fallback;
  }
  return data.message || fallback;
}

export type { ConnectionState };
