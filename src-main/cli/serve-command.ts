// Runs in: CLI. `anyfill serve`: start the browser host and keep it running until Ctrl+C.
import { resolveModelsDir } from '../common/paths';
import { startBrowserHost } from '../serve/browser-host';
import { appVersion, assertBuilt, enginePath, rendererDir } from './locations';

export interface ServeFlags {
  port?: string;
  host?: string;
  token?: string;
  models?: string;
}

export async function runServe(flags: ServeFlags): Promise<number> {
  assertBuilt();
  const port = flags.port === undefined ? 5710 : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, got "${flags.port}".`);
  const host = await startBrowserHost({
    port,
    host: flags.host ?? '127.0.0.1',
    token: flags.token ?? process.env.ANYFILL_TOKEN ?? null,
    rendererDir: rendererDir(),
    enginePath: enginePath(),
    modelsDir: resolveModelsDir(flags.models),
    version: appVersion(),
    log: (line) => console.error(`[anyfill] ${line}`),
  });
  console.log(`Anyfill is running at ${host.url}`);
  console.log('Press Ctrl+C to stop.');
  const stop = () => {
    void host.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
}
