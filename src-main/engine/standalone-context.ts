// Runs in: the CLI (Node, in-process, no engine child). An engine context for commands that call engine
// code directly: its own services over the command's session folder, events dropped (the command prints).
import { resolveCacheDir, resolveRecoveryDir } from '../common/paths';
import type { EngineContext } from './engine-context';
import { createEngineServices } from './services';

export function standaloneContext(sessionDir: string, modelsDir: string): EngineContext {
  return {
    sessionDir,
    modelsDir,
    cacheDir: resolveCacheDir(),
    recoveryDir: resolveRecoveryDir(),
    host: 'cli',
    emit: () => undefined,
    services: createEngineServices(sessionDir),
  };
}
