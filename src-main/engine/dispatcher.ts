// Runs in: engine process. Validates each request against the contract, runs its handler, shapes the reply.
// Every envelope that names an id is answered, a malformed one with BAD_REQUEST.
import { readFile, rm, stat } from 'node:fs/promises';
import { channels, isChannelName, ownerOf, type EngineChannelName } from '../../src-shared/contract/contract';
import { AnyfillError, toErrorData } from '../../src-shared/contract/errors';
import { MAX_MESSAGE_BYTES, MAX_STAGED_PAYLOAD_BYTES, approxJsonBytes, messageTooLarge } from '../../src-shared/contract/message-limits';
import type { StagedFileId } from '../../src-shared/document/ids';
import { WireRequestSchema, type WireResponse } from '../../src-shared/contract/wire';
import type { EngineContext, EngineHandlers } from './engine-context';
import { resolveInside } from './images/session-files';

export type Dispatch = (message: unknown) => Promise<WireResponse | null>;

export function createDispatcher(handlers: EngineHandlers, ctx: EngineContext): Dispatch {
  return async (message) => {
    const envelope = WireRequestSchema.safeParse(message);
    if (!envelope.success) {
      const id = (message as { id?: unknown } | null)?.id;
      if (!Number.isSafeInteger(id) || (id as number) < 0) return null; // nothing to answer to
      return {
        t: 'res',
        id: id as number,
        ok: false,
        error: { code: 'BAD_REQUEST', message: 'The engine received a malformed request envelope.' },
      };
    }
    const { id, channel, payload, payloadFile } = envelope.data;
    try {
      const body = payloadFile ? await readStagedPayload(ctx, payloadFile) : inlinePayload(payload, channel);
      const result = await run(handlers, ctx, channel, body);
      return { t: 'res', id, ok: true, result };
    } catch (err) {
      return { t: 'res', id, ok: false, error: toErrorData(err) };
    }
  };
}

function inlinePayload(payload: unknown, channel: string): unknown {
  const bytes = approxJsonBytes(payload, MAX_MESSAGE_BYTES);
  if (bytes <= MAX_MESSAGE_BYTES) return payload;
  const e = messageTooLarge(bytes, MAX_MESSAGE_BYTES, channel);
  throw new AnyfillError(e.code, e.message);
}

/** A payload its sender staged as JSON in the inbox ([Note: message size]); read once, then deleted. */
async function readStagedPayload(ctx: EngineContext, fileId: StagedFileId): Promise<unknown> {
  const file = resolveInside(ctx.sessionDir, 'inbox', fileId);
  try {
    const { size } = await stat(file).catch(() =>
      Promise.reject(new AnyfillError('NOT_FOUND', "The request's data is no longer available; try again.")),
    );
    if (size > MAX_STAGED_PAYLOAD_BYTES) {
      const e = messageTooLarge(size, MAX_STAGED_PAYLOAD_BYTES);
      throw new AnyfillError(e.code, e.message);
    }
    const text = await readFile(file, 'utf8');
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new AnyfillError('BAD_REQUEST', "The request's data is not valid JSON.");
    }
  } finally {
    await rm(file, { force: true });
  }
}

async function run(handlers: EngineHandlers, ctx: EngineContext, channel: string, payload: unknown): Promise<unknown> {
  if (!isChannelName(channel) || ownerOf(channel) === 'shell') {
    throw new AnyfillError('BAD_REQUEST', `The engine has no channel "${channel}".`);
  }
  const name = channel as EngineChannelName;
  const parsed = channels[name].request.safeParse(payload);
  if (!parsed.success) {
    throw new AnyfillError('BAD_REQUEST', `Invalid request for ${name}.`, parsed.error.message);
  }
  const handler = handlers[name] as (req: unknown, c: EngineContext) => Promise<unknown>;
  const result = await handler(parsed.data, ctx);
  // Check our own replies too: a malformed response is a bug here, not in the receiver.
  const checked = channels[name].response.safeParse(result);
  if (!checked.success) throw new AnyfillError('INTERNAL', 'The engine produced an invalid reply.', checked.error.message);
  return checked.data;
}
