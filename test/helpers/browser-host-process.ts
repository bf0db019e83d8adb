// Runs in: tests and benchmarks (node). Starts the real `anyfill serve` command and a headless Debian
// Chromium driven by playwright-core (no browser download: executablePath is the system Chromium).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const repoRoot = path.resolve(__dirname, '..', '..');
export { SHARED_IMAGES as sharedImages } from './shared-images';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** ANYFILL_RECOVERY_DIR of this host (a temporary folder unless the caller chose one). */
  recoveryDir: string;
  stop(): Promise<void>;
}

/** `node dist/node/cli.cjs serve --port 0`, resolved once it prints its URL. `env` is added to this process's. */
export async function startServe(extraArgs: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  const cli = path.join(repoRoot, 'dist', 'node', 'cli.cjs');
  if (!existsSync(cli)) throw new Error('dist/node/cli.cjs is missing: run "npm run build" before the end-to-end tests.');
  // Each host its own recovery folder: autosaves of one test must never be offered to another (or to the user).
  const recoveryDir = env.ANYFILL_RECOVERY_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'anyfill-recovery-'));
  const ownRecovery = env.ANYFILL_RECOVERY_DIR === undefined;
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', ...extraArgs], {
    cwd: repoRoot,
    env: { ...process.env, ANYFILL_RECOVERY_DIR: recoveryDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`anyfill serve did not start:\n${out}`)), 30_000);
    const check = () => {
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout.on('data', check);
    child.on('exit', (code) => reject(new Error(`anyfill serve exited with ${code}:\n${out}`)));
  });
  return {
    url,
    child,
    output: () => out,
    recoveryDir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      if (ownRecovery) rmSync(recoveryDir, { recursive: true, force: true });
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (.ci/run does this).`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}
