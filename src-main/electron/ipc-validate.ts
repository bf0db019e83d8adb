// Runs in: Electron main.
// Pure (no electron import): unit-tested in test/electron/ipc-validate.test.ts.
// [Note: ipc gate] Every renderer request passes here first, in this order, failing closed:
// sender (app://ui main frame) → channel in the contract → payload parsed by the channel's schema.
import { channels, isChannelName, ownerOf, type ChannelName, type ChannelOwner } from '../../src-shared/contract/contract';
import type { AnyfillErrorData } from '../../src-shared/contract/errors';
import { refusedFromPage } from '../../src-shared/contract/page-limits';
import { isAppUiUrl } from './origins';

export { EVENT_CHANNEL, INVOKE_CHANNEL, type InvokeReply } from './ipc-names';

export interface InvokeInput {
  /** event.senderFrame?.url; undefined when the frame is gone. */
  senderUrl: string | undefined;
  /** senderFrame exists and senderFrame.parent === null. */
  isMainFrame: boolean;
  channel: unknown;
  payload: unknown;
}

export type ValidInvoke =
  | { ok: true; channel: ChannelName; owner: ChannelOwner; payload: unknown }
  | { ok: false; error: AnyfillErrorData };

export function validateInvoke(input: InvokeInput): ValidInvoke {
  if (!input.isMainFrame || !isAppUiUrl(input.senderUrl)) {
    return fail('FORBIDDEN', 'This request came from outside Anyfill and was refused.', `sender ${String(input.senderUrl).slice(0, 200)}`);
  }
  if (typeof input.channel !== 'string' || !isChannelName(input.channel)) {
    return fail('BAD_REQUEST', 'Anyfill received a request it does not know.', `unknown channel ${String(input.channel).slice(0, 64)}`);
  }
  const channel = input.channel;
  if (ownerOf(channel) === 'internal') {
    // Host-only channels take file-system paths: the renderer never sends a path.
    return fail('FORBIDDEN', 'Anyfill refused a request that only the app itself may make.', `internal channel ${channel}`);
  }
  const parsed = channels[channel].request.safeParse(input.payload);
  if (!parsed.success) {
    // Issue messages only: the payload itself (possibly megabytes of image bytes) never goes in the detail.
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    return fail('BAD_REQUEST', 'Anyfill received a malformed request.', `${channel}: ${detail}`.slice(0, 1000));
  }
  const refused = refusedFromPage(channel, parsed.data);
  if (refused) return fail(refused.code, refused.message, `${channel} from the page`);
  return { ok: true, channel, owner: ownerOf(channel), payload: parsed.data };
}

function fail(code: AnyfillErrorData['code'], message: string, detail: string): ValidInvoke {
  return { ok: false, error: { code, message, detail } };
}
