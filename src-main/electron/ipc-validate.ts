// Runs in: Electron main.
// Pure (no electron import): unit-tested in test/electron/ipc-validate.test.ts.
// [Note: ipc gate] Every renderer request passes here first, in this order, failing closed:
// sender (app://ui main frame) → channel in the contract → size ([Note: message size]) → payload parsed
// by the channel's schema (a staged payload is parsed by the engine, which reads it).
import { channels, isChannelName, ownerOf, type ChannelName, type ChannelOwner } from '../../src-shared/contract/contract';
import type { AnyfillErrorData } from '../../src-shared/contract/errors';
import { refusedFromPage } from '../../src-shared/contract/page-limits';
import { MAX_MESSAGE_BYTES, approxJsonBytes, messageTooLarge } from '../../src-shared/contract/message-limits';
import { StagedFileIdSchema, type StagedFileId } from '../../src-shared/document/ids';
import { isAppUiUrl } from './origins';

/** shell.stageBytes carries a pasted or dropped file itself: up to the session inbox's own cap (2 GiB). */
const STAGE_BYTES_LIMIT = 2 * 1024 ** 3;

export { EVENT_CHANNEL, INVOKE_CHANNEL, type InvokeReply } from './ipc-names';

export interface InvokeInput {
  /** event.senderFrame?.url; undefined when the frame is gone. */
  senderUrl: string | undefined;
  /** senderFrame exists and senderFrame.parent === null. */
  isMainFrame: boolean;
  channel: unknown;
  payload: unknown;
  /** The id of a payload staged in the session inbox, when the payload itself is too large to send. */
  payloadFile?: unknown;
}

export type ValidInvoke =
  | { ok: true; channel: ChannelName; owner: ChannelOwner; payload: unknown; payloadFile?: StagedFileId }
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
  if (input.payloadFile !== undefined) {
    const file = StagedFileIdSchema.safeParse(input.payloadFile);
    if (!file.success || ownerOf(channel) !== 'engine' || input.payload !== undefined) {
      return fail('BAD_REQUEST', 'Anyfill received a malformed request.', `${channel}: bad staged payload`);
    }
    return { ok: true, channel, owner: 'engine', payload: undefined, payloadFile: file.data };
  }
  const limit = channel === 'shell.stageBytes' ? STAGE_BYTES_LIMIT : MAX_MESSAGE_BYTES;
  const bytes = approxJsonBytes(input.payload, limit);
  if (bytes > limit) return { ok: false, error: messageTooLarge(bytes, limit, channel) };
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
