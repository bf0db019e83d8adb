// Runs in: CLI. `anyfill serve`: start the browser host and keep it running until Ctrl+C.
import { resolveModelsDir } from '../common/paths';
import { startBrowserHost } from '../serve/browser-host';
import { commandIo, parseCommandArgs, STR, type Out } from './command-args';
import { appVersion, assertBuilt, enginePath, rendererDir } from './locations';

export interface ServeFlags {
  port?: string;
  host?: string;
  token?: string;
  models?: string;
}

const HELP = `usage: anyfill serve [--port N] [--host 127.0.0.1] [--token SECRET] [--models DIR]
  Serves the editor to your browser at http://127.0.0.1:5710/ (the port --port names; 0 picks a free one).
  --host     the address to listen on; anything but loopback needs --token (or ANYFILL_TOKEN)
  --token    a secret every request must carry (the printed URL includes it)
  --models   the models folder (default: ANYFILL_MODELS_DIR, else the per-user one; printed at start)
  Recovery copies go to ANYFILL_RECOVERY_DIR when set. Ctrl+C stops it.`;

/** `anyfill serve …` as typed: --help, usage errors (exit 2), then the host. */
export async function serveCommand(argv: string[], out: { stdout?: Out; stderr?: Out } = {}): Promise<number> {
  const io = commandIo('serve', out);
  const args = parseCommandArgs('serve', argv, { port: STR, host: STR, token: STR, models: STR }, io, {
    help: HELP,
    required: [],
    missing: '',
  });
  if (typeof args === 'number') return args;
  return runServe(args);
}

export async function runServe(flags: ServeFlags): Promise<number> {
  assertBuilt();
  const port = flags.port === undefined ? 5710 : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, got "${flags.port}".`);
  const modelsDir = resolveModelsDir(flags.models);
  const host = await startBrowserHost({
    port,
    host: flags.host ?? '127.0.0.1',
    token: flags.token ?? process.env.ANYFILL_TOKEN ?? null,
    rendererDir: rendererDir(),
    enginePath: enginePath(),
    modelsDir,
    version: appVersion(),
    log: (line) => console.error(`[anyfill] ${line}`),
  });
  // Before the URL line, which scripts (and the tests) wait for.
  console.log(`Models folder: ${modelsDir}`);
  console.log(`Anyfill is running at ${host.url}`);
  console.log('Press Ctrl+C to stop.');
  const stop = () => {
    void host.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
}
