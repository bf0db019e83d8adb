// Runs in: CLI and browser host. Where the built pieces are, relative to the bundled dist/node/cli.cjs.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** dist/node when bundled; the repo's dist/node when run from source by tests. */
export function distNodeDir(): string {
  const here = __dirname;
  return existsSync(path.join(here, 'engine.cjs')) ? here : path.resolve(here, '..', '..', 'dist', 'node');
}

export const enginePath = (): string => path.join(distNodeDir(), 'engine.cjs');
export const rendererDir = (): string => path.resolve(distNodeDir(), '..', 'renderer');

export function appVersion(): string {
  for (const candidate of [path.resolve(distNodeDir(), '..', '..', 'package.json'), path.resolve(__dirname, '..', '..', 'package.json')]) {
    try {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'anyfill' && pkg.version) return pkg.version;
    } catch {
      // try the next candidate
    }
  }
  return '0.0.0-dev';
}

export function assertBuilt(): void {
  if (!existsSync(enginePath()) || !existsSync(path.join(rendererDir(), 'index.html'))) {
    throw new Error('Anyfill is not built yet. Run "npm run build" (npm install does it for you).');
  }
}
