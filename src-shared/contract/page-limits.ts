// Runs in: every process. Requests a page may not make even when they fit the schema. The hub models are
// downloaded from is chosen on the CLI (--endpoint) or in the settings (ANYFILL_MODEL_ENDPOINT), never by a
// page: a server a client picked could serve any bytes with any hash headers, and install them.
import type { AnyfillErrorData } from './errors';

export function refusedFromPage(channel: string, payload: unknown): AnyfillErrorData | null {
  if (
    channel === 'models.download' &&
    typeof payload === 'object' &&
    payload !== null &&
    (payload as { endpoint?: unknown }).endpoint !== undefined
  ) {
    return {
      code: 'FORBIDDEN',
      message:
        'A download server cannot be chosen from the editor page; set ANYFILL_MODEL_ENDPOINT where Anyfill starts, or use "anyfill models download --endpoint".',
    };
  }
  return null;
}
