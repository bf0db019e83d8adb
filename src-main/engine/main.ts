// Runs in: engine process (Electron utilityProcess or a Node child of the browser host).
// [Note: engine] All decoding and inference happens here, so a native crash never takes down the UI;
// the host restarts us and the document, held by the renderer, is untouched.
import { resolveCacheDir, resolveModelsDir, resolveRecoveryDir } from '../common/paths';
import { connectToHost } from './transport';
import { createDispatcher } from './dispatcher';
import { createEngineHandlers } from './handlers/index';
import { hardenSharp } from './images/harden-sharp';
import type { EngineContext } from './engine-context';
import { createEngineServices } from './services';
import { PING, PONG, type WireEvent } from '../../src-shared/contract/wire';

function main(): void {
  const sessionDir = process.env.ANYFILL_SESSION_DIR;
  if (!sessionDir) throw new Error('ANYFILL_SESSION_DIR is not set; the host passes the session folder.');
  const host = (process.env.ANYFILL_HOST ?? 'browser') as EngineContext['host'];
  const modelsDir = process.env.ANYFILL_MODELS_DIR ?? resolveModelsDir();
  const cacheDir = resolveCacheDir();
  const recoveryDir = resolveRecoveryDir();
  hardenSharp();

  const transport = connectToHost();
  const ctx: EngineContext = {
    sessionDir,
    modelsDir,
    cacheDir,
    recoveryDir,
    host,
    emit: (event, payload) => transport.send({ t: 'evt', event, payload } satisfies WireEvent),
    services: createEngineServices(sessionDir),
  };
  const dispatch = createDispatcher(createEngineHandlers(), ctx);
  transport.onMessage((message) => {
    // [Note: heartbeat] answered by the main thread at once: silence means it is stuck.
    if ((message as { t?: unknown } | null)?.t === PING) return transport.send({ t: PONG });
    void dispatch(message).then((reply) => reply && transport.send(reply));
  });
  transport.onHostGone(() => process.exit(0));
  ctx.emit('engine.status', { state: 'ready', restarts: 0 });
}

main();
