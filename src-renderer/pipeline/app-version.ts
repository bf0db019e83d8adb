// Runs in: renderer. The app version a pipeline log records, asked of the engine once (app.info) and
// remembered; "unknown" when the engine cannot say, so a log is never held up by it.
import { getApi } from '../core/bridge/api';
import type { Stamp } from './provenance-build';

let version: Promise<string> | null = null;

export function appVersion(): Promise<string> {
  version ??= getApi()
    .invoke('app.info', {})
    .then(
      (info) => info.version,
      () => {
        version = null; // ask again next time
        return 'unknown';
      },
    );
  return version;
}

/** The app version and the time, for a log made now. */
export async function stampNow(): Promise<Stamp> {
  return { appVersion: await appVersion(), createdAt: new Date().toISOString() };
}
