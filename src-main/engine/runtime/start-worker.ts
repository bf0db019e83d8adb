// Runs in: engine process and CLI. Starts a worker thread from its bundle, or from its TS source.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * From the bundles, dist/node/<name>.cjs sits next to engine.cjs / cli.cjs (this module is bundled into
 * them, so __dirname is dist/node). Packaged, the worker is unpacked beside the asar (electron-builder
 * asarUnpack) because a worker thread starts from a plain file. From the TS sources (vitest, tsx) there
 * is no bundle: an eval worker loads `<sourceDir>/<name>.ts` through tsx's require hook.
 */
export function startWorker(name: string, sourceDir: string, options: WorkerOptions = {}): Worker {
  const bundled = path.join(__dirname, `${name}.cjs`);
  const unpacked = bundled.replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
  if (unpacked !== bundled && existsSync(unpacked)) return new Worker(unpacked, options);
  if (existsSync(bundled)) return new Worker(bundled, options);
  const source = path.join(sourceDir, `${name}.ts`);
  const tsx = require.resolve('tsx/cjs');
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(source)});`, { ...options, eval: true });
}
