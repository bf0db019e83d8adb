// Runs in: a host process. The one shape both hosts give the engine process, so the supervisor is shared.
import { fork } from 'node:child_process';

export interface EngineChild {
  readonly pid: number | undefined;
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null, reason: string) => void): void;
  /** `force`: SIGKILL, which also ends a stopped or hung process. */
  kill(force?: boolean): void;
}

export type SpawnEngine = () => EngineChild;

export interface EngineEnv {
  sessionDir: string;
  modelsDir: string;
  /** Embedding cache; defaults to <data folder>/cache (ANYFILL_CACHE_DIR). */
  cacheDir?: string;
  /** Recovery copies; defaults to <data folder>/recovery (ANYFILL_RECOVERY_DIR). */
  recoveryDir?: string;
  host: 'electron' | 'browser' | 'cli';
  version: string;
}

export function engineEnv(env: EngineEnv): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ANYFILL_SESSION_DIR: env.sessionDir,
    ANYFILL_MODELS_DIR: env.modelsDir,
    ...(env.cacheDir ? { ANYFILL_CACHE_DIR: env.cacheDir } : {}),
    ...(env.recoveryDir ? { ANYFILL_RECOVERY_DIR: env.recoveryDir } : {}),
    ANYFILL_HOST: env.host,
    ANYFILL_VERSION: env.version,
  };
}

/** Browser host and CLI: the engine as a Node child process with an IPC channel. */
export function forkEngine(enginePath: string, env: EngineEnv): EngineChild {
  const child = fork(enginePath, [], { env: engineEnv(env), serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return {
    get pid() {
      return child.pid;
    },
    send: (m) => {
      if (child.connected) child.send(m as never);
    },
    onMessage: (l) => child.on('message', l),
    onExit: (l) => child.on('exit', (code, signal) => l(code, signal ? `killed by ${signal}` : `exit code ${code}`)),
    kill: (force) => child.kill(force ? 'SIGKILL' : 'SIGTERM'),
  };
}
