// Runs in: build tooling (Node). `npm start`: the Electron app when its binary is available; otherwise
// says so in one line and serves the browser host instead, printing its URL.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

function electronBinary() {
  // Look without triggering the electron package's download-on-first-use.
  const dir = path.resolve('node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const rel = readFileSync(pathFile, 'utf8').trim();
  const base = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(dir, 'dist');
  const bin = path.join(base, rel);
  return existsSync(bin) ? bin : null;
}

function tryInstallElectron() {
  // One attempt at the electron package's own download (it fails fast offline).
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.resolve('node_modules', 'electron', 'install.js')], { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill(), 120_000);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(electronBinary());
    });
    child.on('error', () => resolve(null));
  });
}

const bin = electronBinary() ?? (process.env.ANYFILL_NO_ELECTRON ? null : await tryInstallElectron());
if (bin) {
  const child = spawn(bin, ['.'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('Electron could not be obtained on this machine (no binary, download failed); starting the browser host instead.');
  const child = spawn(process.execPath, ['dist/node/cli.cjs', 'serve', ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}
