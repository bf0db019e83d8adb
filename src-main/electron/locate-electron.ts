// Runs in: Node (scripts and tests; no electron import).
// Finds the Electron executable the way node_modules/electron/index.js does, but never triggers its
// download fallback: on an offline machine a missing binary must mean "skip", not a network attempt.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export function findElectronBinary(projectRoot: string = process.cwd()): string | null {
  const pkgDir = path.join(projectRoot, 'node_modules', 'electron');
  let executable = '';
  try {
    executable = readFileSync(path.join(pkgDir, 'path.txt'), 'utf8').trim();
  } catch {
    // No path.txt: the postinstall download never finished.
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? path.join(override, executable || defaultExecutable())
    : executable
      ? path.join(pkgDir, 'dist', executable)
      : null;
  return candidate !== null && existsSync(candidate) ? candidate : null;
}

/** The executable's path inside an Electron dist folder, as electron's install.js names it. */
function defaultExecutable(): string {
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (process.platform === 'win32') return 'electron.exe';
  return 'electron';
}
