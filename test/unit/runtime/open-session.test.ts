// Runs in: test tooling. Opening models from their path: external data, missing and damaged files
// (clear errors naming the file, and the process lives on), and the fall back to CPU.
import { copyFile, mkdir, readFile, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listBackends } from '../../../src-main/engine/runtime/execution-providers';
import { physicalCores } from '../../../src-main/engine/runtime/cpu-cores';
import { openSession, sessionFile, sessionOptions } from '../../../src-main/engine/runtime/open-session';
import { loadOrt } from '../../../src-main/engine/runtime/ort';
import { runModel } from '../../../src-main/engine/runtime/run-model';
import { echoModel, externalModel, tempDir, writeModel, type TempDir } from './tiny-models';

let tmp: TempDir;
let unet: string;
beforeAll(async () => {
  tmp = await tempDir();
  const { model, weights } = externalModel();
  unet = await writeModel(tmp.file('pack', 'unet', 'model.onnx'), model, weights);
});
afterAll(() => tmp.cleanup());

const cpu = { providers: ['cpu'] as const, label: 'Test model' };
const failure = (file: string) =>
  openSession(file, cpu).then(
    () => null,
    (e: unknown) => e,
  );

describe('openSession', () => {
  it('loads external data (weights.pb) next to the model file, and remembers the file', async () => {
    const { session, device } = await openSession(unet, { ...cpu, label: 'UNet' });
    const out = await runModel(session, { x: new (loadOrt().Tensor)('float32', [1, 2], [2]) }, 'UNet');
    expect(Array.from(out.y!.data as Float32Array)).toEqual([11, 12]);
    expect(device).toEqual({ name: 'cpu', note: 'Running on CPU.' });
    expect(sessionFile(session)).toBe(unet);
  });

  it('names a missing external data file: NOT_FOUND, re-download', async () => {
    const dir = tmp.file('no-weights', 'unet');
    await mkdir(dir, { recursive: true });
    await copyFile(unet, tmp.file('no-weights', 'unet', 'model.onnx'));
    expect(await failure(tmp.file('no-weights', 'unet', 'model.onnx'))).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Test model: unet/weights.pb is missing: re-download the pack.',
    });
  });

  it('says when the external data file is cut short', async () => {
    await mkdir(tmp.file('short', 'unet'), { recursive: true });
    await copyFile(unet, tmp.file('short', 'unet', 'model.onnx'));
    await writeFile(tmp.file('short', 'unet', 'weights.pb'), new Uint8Array(5));
    expect(await failure(tmp.file('short', 'unet', 'model.onnx'))).toMatchObject({
      code: 'INTEGRITY',
      message: expect.stringMatching(/unet\/model\.onnx is damaged \(its external weights file is incomplete\): verify or re-download/),
    });
  });

  it('names a missing model file', async () => {
    expect(await failure(tmp.file('gone', 'decoder.onnx'))).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Test model: gone/decoder.onnx is missing: re-download the pack.',
    });
  });

  it('reports truncated, random, empty files and folders as damaged, with ORT text in detail; the process lives on', async () => {
    const whole = echoModel('float32', ['n']);
    const cases: Array<[string, Uint8Array | null, RegExp]> = [
      ['truncated.onnx', whole.subarray(0, Math.floor(whole.length / 2)), /not a valid ONNX model/],
      ['random.onnx', Uint8Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24), /not a valid ONNX model/],
      ['empty.onnx', new Uint8Array(0), /the file is empty/],
      ['folder.onnx', null, /a folder, not a model file/],
    ];
    for (const [name, bytes, why] of cases) {
      const file = tmp.file('bad', name);
      if (bytes) await writeModel(file, bytes);
      else await mkdir(file, { recursive: true });
      const err = await failure(file);
      expect(err, name).toMatchObject({
        name: 'AnyfillError',
        code: 'INTEGRITY',
        message: expect.stringMatching(new RegExp(`^Test model: bad/${name} is damaged \\(`)),
      });
      expect((err as Error).message).toMatch(why);
      expect((err as Error).message).toMatch(/verify or re-download the pack\.$/);
    }
    // Truncated to a valid-looking prefix of the external-data model, too.
    const cut = tmp.file('bad', 'cut.onnx');
    await writeFile(cut, await readFile(unet));
    await truncate(cut, 40);
    expect(await failure(cut)).toMatchObject({ code: 'INTEGRITY', detail: expect.any(String) });
    // Still alive: a good model opens and runs after all that.
    const { session } = await openSession(await writeModel(tmp.file('ok.onnx'), whole), cpu);
    expect((await runModel(session, { x: new (loadOrt().Tensor)('float32', [3], [1]) }, 'ok')).y!.data[0]).toBe(3);
  });

  it('falls back to CPU when a provider cannot start, and says why', async () => {
    const file = await writeModel(tmp.file('fallback.onnx'), echoModel('float32', ['n']));
    const { session, device } = await openSession(file, { providers: ['dml', 'cpu'], label: 'SAM decoder' });
    expect(device.name).toBe('cpu');
    expect(device.note).toMatch(/^Running on CPU: the GPU \(DirectML\) could not start \(.*dml.*\)\.$/);
    expect((await runModel(session, { x: new (loadOrt().Tensor)('float32', [5], [1]) }, 'ok')).y!.data[0]).toBe(5);
  });

  it.skipIf(listBackends().some((b) => b.name === 'cuda' && b.available))(
    'falls back from CUDA when its provider library is not installed, with the pack warnings',
    async () => {
      const file = await writeModel(tmp.file('cuda.onnx'), echoModel('float32', ['n']));
      const pack = { family: 'sd-inpaint', recommendedDevice: 'gpu', precision: 'fp16' } as const;
      const { session, device } = await openSession(file, { providers: ['cuda', 'cpu'], label: 'UNet', pack });
      expect(session.inputNames).toEqual(['x']);
      expect(device).toMatchObject({
        name: 'cpu',
        note: expect.stringMatching(
          /^Running on CPU: the GPU \(CUDA\) could not start \(.+\)\. fp16 models are slow and may produce NaN on CPU; use the fp32 pack\.$/,
        ),
      });
    },
  );

  it('uses every physical core, one run at a time, full graph optimisation', () => {
    expect(sessionOptions('cpu')).toMatchObject({
      graphOptimizationLevel: 'all',
      executionMode: 'sequential',
      intraOpNumThreads: physicalCores(),
      enableMemPattern: true,
      executionProviders: ['cpu'],
    });
    expect(sessionOptions('dml').enableMemPattern).toBe(false);
    expect(physicalCores()).toBeGreaterThanOrEqual(1);
    expect(physicalCores()).toBeLessThanOrEqual(os.availableParallelism());
  });
});
