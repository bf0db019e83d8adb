// Runs in: tests (node). The `anyfill` command as a user runs it after `npm install`: the package bin,
// a real engine behind `info`, and plain errors for wrong arguments.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppInfoSchema } from '../../src-shared/contract/payloads';
import { repoRoot } from '../helpers/browser-host-process';

const bin = path.join(repoRoot, 'bin', 'anyfill.cjs');
const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });

describe('anyfill CLI', () => {
  it('info --json asks a real engine and reports versions, execution providers and the models folder', () => {
    const models = mkdtempSync(path.join(os.tmpdir(), 'anyfill-models-'));
    const res = run(['info', '--json', '--models', models]);
    expect(res.status, res.stderr).toBe(0);
    const info = AppInfoSchema.parse(JSON.parse(res.stdout));
    expect(info).toMatchObject({ name: 'Anyfill', host: 'cli', modelsDir: models });
    expect(info.versions.sharp).toMatch(/^\d+\.\d+/);
    expect(info.versions.onnxruntime).toMatch(/^\d+\.\d+/);
    expect(info.executionProviders.find((p) => p.name === 'cpu')?.available).toBe(true);
    expect(info.engine.pid).not.toBe(process.pid);
  });

  it('info honours ANYFILL_MODELS_DIR and prints a readable summary', () => {
    const res = run(['info'], { ANYFILL_MODELS_DIR: '/tmp/anyfill-elsewhere' });
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/Models folder:\s+\/tmp\/anyfill-elsewhere/);
    expect(res.stdout).toMatch(/cpu\s+available/);
  });

  it('says what is wrong with bad arguments and exits non-zero', () => {
    const unknown = run(['frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
    const badPort = run(['serve', '--port', 'eighty']);
    expect(badPort.status).toBe(2);
    expect(badPort.stderr).toMatch(/--port must be/);
    expect(run(['--help']).stdout).toMatch(/anyfill serve/);
  });
});
