// Runs in: tests (node). The `anyfill` command as a user runs it after `npm install`: the package bin,
// a real engine behind `info`, and plain errors for wrong arguments.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppInfoSchema } from '../../src-shared/contract/payloads';
import { repoRoot, startServe } from '../helpers/browser-host-process';

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

  it('serve --help explains the options; serve prints the models folder it uses', async () => {
    const help = run(['serve', '--help']);
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/usage: anyfill serve \[--port N\]/);
    expect(help.stdout).toMatch(/--models/);
    const models = mkdtempSync(path.join(os.tmpdir(), 'anyfill-serve-models-'));
    const serve = await startServe(['--models', models]);
    try {
      expect(serve.output()).toContain(`Models folder: ${models}`);
    } finally {
      await serve.stop();
    }
  });
});

describe('anyfill standins + models verify', () => {
  it('writes installed stand-in packs that verify by hash and by loading every model; damage and wrong files are named', async () => {
    const { readFile, writeFile } = await import('node:fs/promises');
    const { createHash } = await import('node:crypto');
    const models = mkdtempSync(path.join(os.tmpdir(), 'anyfill-standins-'));
    const written = run(['standins', '--out', models, '--only', 'mobilesam,sd15-inpaint']);
    expect(written.status, written.stderr).toBe(0);
    expect(written.stdout).toMatch(/Wrote 2 stand-in packs/);

    const list = run(['models', 'list', '--json', '--models', models]);
    const packs = JSON.parse(list.stdout).packs as Array<{ id: string; state: string; source?: string; device: { name: string } }>;
    expect(packs.find((p) => p.id === 'mobilesam')).toMatchObject({ state: 'installed', source: 'standin', device: { name: 'cpu' } });

    const ok = run(['models', 'verify', 'mobilesam', '--models', models]);
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/ok\s+mobilesam — runs on CPU/);
    expect(ok.stdout).toMatch(/mobile_sam_image_encoder\.onnx: sam1-encoder \(input hwc-preprocess.*loaded in \d+ ms/);

    // A model from another family under the decoder's name, with a matching manifest: the hashes pass,
    // the load check says what the file really is.
    const manifestPath = path.join(models, 'mobilesam', 'anyfill-pack.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    const wrong = await readFile(path.join(models, 'sd15-inpaint', 'text_encoder', 'model.onnx'));
    await writeFile(path.join(models, 'mobilesam', 'sam_mask_decoder_multi.onnx'), wrong);
    const entry = manifest.files.find((f: { path: string }) => f.path === 'sam_mask_decoder_multi.onnx');
    Object.assign(entry, { bytes: wrong.length, sha256: createHash('sha256').update(wrong).digest('hex') });
    await writeFile(manifestPath, JSON.stringify(manifest));
    const wrongFamily = run(['models', 'verify', 'mobilesam', '--models', models]);
    expect(wrongFamily.status).toBe(1);
    expect(wrongFamily.stdout).toMatch(/sam_mask_decoder_multi\.onnx.*does not look like a SAM 1 decoder.*Stable Diffusion text encoder/);

    // One flipped byte: the hash check names the file and how to repair it.
    const unet = path.join(models, 'sd15-inpaint', 'unet', 'weights.pb');
    const bytes = await readFile(unet);
    bytes[100] = bytes[100]! ^ 0xff;
    await writeFile(unet, bytes);
    const damaged = run(['models', 'verify', 'sd15-inpaint', '--models', models]);
    expect(damaged.status).toBe(1);
    expect(damaged.stdout).toMatch(/DAMAGED\s+sd15-inpaint/);
    expect(damaged.stdout).toMatch(/unet\/weights\.pb: is damaged \(sha256/);
  });
});

describe("anyfill inpaint with the real export's sampling vae_encoder", () => {
  it('gives identical files for the same seed in two processes, and verify says what made it so', async () => {
    const { readFile } = await import('node:fs/promises');
    const sharp = (await import('sharp')).default;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'anyfill-seeded-'));
    const models = path.join(dir, 'models');
    expect(run(['standins', '--out', models, '--only', 'sd15-inpaint']).status).toBe(0);
    const [W, H] = [96, 72];
    const rgb = Buffer.alloc(W * H * 3);
    for (let i = 0; i < W * H; i++) rgb.set((i % W) + Math.floor(i / W) < 90 ? [30, 40, 190] : [20, 200, 30], i * 3);
    await sharp(rgb, { raw: { width: W, height: H, channels: 3 } })
      .png()
      .toFile(path.join(dir, 'in.png'));
    const mask = Buffer.alloc(W * H);
    for (let y = 28; y < 44; y++) mask.fill(255, y * W + 40, y * W + 56);
    await sharp(mask, { raw: { width: W, height: H, channels: 1 } })
      .png()
      .toFile(path.join(dir, 'mask.png'));
    const inpaint = (out: string) =>
      run([
        'inpaint',
        '--image',
        path.join(dir, 'in.png'),
        '--mask',
        path.join(dir, 'mask.png'),
        '--prompt',
        'red',
        '--steps',
        '3',
        '--strength',
        '0.7',
        '--seed',
        '7',
        '--size',
        '128',
        '--models',
        models,
        '--out',
        path.join(dir, out),
      ]);
    for (const out of ['a.png', 'b.png']) expect(inpaint(out).status).toBe(0);
    expect((await readFile(path.join(dir, 'a.png'))).equals(await readFile(path.join(dir, 'b.png')))).toBe(true);
    const verified = run(['models', 'verify', 'sd15-inpaint', '--models', models]);
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(
      /vae_encoder\/model\.onnx: sd-vae-encoder .*\n\s+applied: vae_encoder\/model\.onnx: its in-graph posterior sampling .* replaced by the posterior mean/,
    );
  });
});
