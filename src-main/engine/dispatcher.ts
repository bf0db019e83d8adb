// Runs in: engine process. Validates each request against the contract, runs its handler, shapes the reply.
import { channels, isChannelName, ownerOf, type EngineChannelName } from '../../src-shared/contract/contract';
import { AnyfillError, toErrorData } from '../../src-shared/contract/errors';
import { WireRequestSchema, type WireResponse } from '../../src-shared/contract/wire';
import type { EngineContext, EngineHandlers } from './engine-context';

export type Dispatch = (message: unknown) => Promise<WireResponse | null>;

export function createDispatcher(handlers: EngineHandlers, ctx: EngineContext): Dispatch {
  return async (message) => {
    const envelope = WireRequestSchema.safeParse(message);
    if (!envelope.success) return null; // not a request: nothing to answer
    const { id, channel, payload } = envelope.data;
    try {
      const result = await run(handlers, ctx, channel, payload);
      return { t: 'res', id, ok: true, result };
    } catch (err) {
      return { t: 'res', id, ok: false, error: toErrorData(err) };
    }
  };
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
