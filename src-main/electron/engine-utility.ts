// Runs in: Electron main.
// The engine as an Electron utilityProcess, behind the EngineChild shape the shared supervisor
// expects (the browser host uses child_process.fork for the same role). See [Note: engine].
import { utilityProcess } from 'electron';
import { engineEnv, type EngineChild, type EngineEnv } from '../host/engine-child';

export function forkUtilityEngine(enginePath: string, env: EngineEnv): EngineChild {
  const child = utilityProcess.fork(enginePath, [], {
    env: engineEnv(env),
    serviceName: 'Anyfill Engine',
    stdio: 'inherit',
  });
  let exited = false;
  // A V8 fatal error (e.g. out of memory) arrives as 'error' just before 'exit'; keep it for the reason.
  let fatal: string | null = null;
  child.on('error', (type, location) => {
    fatal = `${type} at ${location}`;
  });
  child.on('exit', () => {
    exited = true;
  });
  return {
    get pid() {
      return child.pid;
    },
    send: (message) => {
      if (!exited) child.postMessage(message);
    },
    onMessage: (listener) => {
      child.on('message', listener);
    },
    onExit: (listener) => {
      child.on('exit', (code) => listener(code, fatal ? `${fatal}, exit code ${code}` : `exit code ${code}`));
    },
    kill: (force) => {
      if (exited) return;
      child.kill();
      // A hung or stopped engine may not act on the polite kill; SIGKILL ends it in any state.
      if (force && child.pid !== undefined) {
        try {
          process.kill(child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    },
  };
}
