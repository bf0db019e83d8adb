// Runs in: host processes and the CLI. Where Anyfill keeps its data, matching Electron's userData folder
// (productName "Anyfill"), so the app, `anyfill serve` and the CLI share one models folder.
import os from 'node:os';
import path from 'node:path';

export function defaultDataDir(): string {
  const home = os.homedir();
  switch (process.platform) {
    case 'win32':
      return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Anyfill');
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'Anyfill');
    default:
      return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Anyfill');
  }
}

/** Recomputable data (image embeddings): ANYFILL_CACHE_DIR beats <data folder>/cache. */
export function resolveCacheDir(): string {
  return path.resolve(process.env.ANYFILL_CACHE_DIR ?? path.join(defaultDataDir(), 'cache'));
}

/** --models DIR beats ANYFILL_MODELS_DIR beats the data folder. */
export function resolveModelsDir(flag?: string): string {
  return path.resolve(flag ?? process.env.ANYFILL_MODELS_DIR ?? path.join(defaultDataDir(), 'models'));
}

/** Autosaved copies of open documents for crash recovery: ANYFILL_RECOVERY_DIR beats <data folder>/recovery. */
export function resolveRecoveryDir(): string {
  return path.resolve(process.env.ANYFILL_RECOVERY_DIR ?? path.join(defaultDataDir(), 'recovery'));
}
