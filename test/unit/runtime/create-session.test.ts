// Runs in: test tooling. Session creation falls back to a lower graph optimisation level when full
// optimisation breaks a model (a fusion pass, not the file), and says so; a broken file is not retried.
// Real ORT with the stand-in that trips LayerNormFusion, and an injected creator for the provider order.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, type CreateFn } from '../../../src-main/engine/runtime/create-session';
import type { InferenceSession } from '../../../src-main/engine/runtime/ort';
import { writeStandins } from '../../../src-main/standins/index';

let dir = '';
const model = (packId: string) => path.join(dir, packId, 'onnx', 'model.onnx');
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-create-'));
  await writeStandins(dir, (id) => id === 'standin-gdino-unfusable' || id === 'gdino-tiny');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const LOWERED =
  /^graph optimisation lowered to 'basic': full optimisation failed \(Invalid model\. Node input '\w+' is not a graph input, initializer, or output of a previous node\.?\)$/;

describe('with ONNX Runtime', () => {
  it('the stand-in really fails at full optimisation and loads at basic', async () => {
    await expect(ort.InferenceSession.create(model('standin-gdino-unfusable'), { graphOptimizationLevel: 'all' })).rejects.toThrow(
      /is not a graph input, initializer, or output of a previous node/,
    );
    await (await ort.InferenceSession.create(model('standin-gdino-unfusable'), { graphOptimizationLevel: 'basic' })).release();
  });

  it('loads it with the level lowered to basic, says why, and the session runs', async () => {
    const { session, device, applied } = await createSession(model('standin-gdino-unfusable'), {
      providers: ['cpu'],
      label: 'Grounding DINO',
    });
    try {
      expect(device.name).toBe('cpu');
      expect(applied).toHaveLength(1);
      expect(applied[0]).toMatch(LOWERED);
      expect(session.inputNames).toContain('pixel_values');
    } finally {
      await session.release();
    }
  });

  it('changes nothing for a model that loads fully optimised', async () => {
    const { session, applied } = await createSession(model('gdino-tiny'), { providers: ['cpu'], label: 'Grounding DINO' });
    await session.release();
    expect(applied).toEqual([]);
  });
});

describe('the fallback order (injected creator)', () => {
  const fake = { release: async () => undefined } as unknown as InferenceSession;
  /** Fails every attempt whose provider/level is in `fails` with its message; records every attempt. */
  function creator(fails: Record<string, string>): { create: CreateFn; tries: string[] } {
    const tries: string[] = [];
    const create: CreateFn = async (_file, options) => {
      const key = `${String(options.executionProviders![0])}/${options.graphOptimizationLevel}`;
      tries.push(key);
      if (fails[key] ?? fails[`*/${options.graphOptimizationLevel}`])
        throw new Error(fails[key] ?? fails[`*/${options.graphOptimizationLevel}`]);
      return fake;
    };
    return { create, tries };
  }
  const optimiserError =
    'Exception during initialization: graph_utils.cc:29 Attempting to get index by a name which does not exist: InsertedPrecisionFreeCast_/x/Constant_output_0';

  it('tries the preferred provider again at each lower level before CPU, and keeps the first reason', async () => {
    const { create, tries } = creator({ '*/all': optimiserError, '*/basic': 'Node input t9 is not a graph input' });
    const out = await createSession('/m.onnx', { providers: ['cuda', 'cpu'], label: 'M' }, create);
    expect(tries).toEqual(['cuda/all', 'cpu/all', 'cuda/basic', 'cpu/basic', 'cuda/disabled']);
    expect(out.device.name).toBe('cuda');
    expect(out.applied).toEqual([`graph optimisation lowered to 'disabled': full optimisation failed (${optimiserError})`]);
  });

  it('a GPU that cannot start falls back to CPU at full optimisation, as before: nothing lowered', async () => {
    const { create, tries } = creator({ 'cuda/all': 'libcublasLt.so.12: cannot open shared object file' });
    const out = await createSession('/m.onnx', { providers: ['cuda', 'cpu'], label: 'M' }, create);
    expect(tries).toEqual(['cuda/all', 'cpu/all']);
    expect(out.device.name).toBe('cpu');
    expect(out.applied).toEqual([]);
  });

  it('a file that cannot be parsed fails once, named as damaged; one failing at every level reports the full-level error', async () => {
    const broken = creator({ '*/all': 'Load model from /p/onnx/m.onnx failed:Protobuf parsing failed.' });
    await expect(createSession('/p/onnx/m.onnx', { providers: ['cpu'], label: 'M' }, broken.create)).rejects.toMatchObject({
      code: 'INTEGRITY',
      message: 'M: onnx/m.onnx is damaged (not a valid ONNX model): verify or re-download the pack.',
    });
    expect(broken.tries).toEqual(['cpu/all']);
    const always = creator({ '*/all': optimiserError, '*/basic': 'b', '*/disabled': 'd' });
    await expect(createSession('/p/onnx/m.onnx', { providers: ['cpu'], label: 'M' }, always.create)).rejects.toMatchObject({
      detail: optimiserError,
    });
    expect(always.tries).toEqual(['cpu/all', 'cpu/basic', 'cpu/disabled']);
  });
});
