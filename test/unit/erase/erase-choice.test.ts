// Runs in: vitest (node). Choosing the eraser Remove uses (models.prefer, role erase) through the engine's
// dispatcher: MI-GAN while nothing is chosen, LaMa once picked (kept in the models folder and listed by
// models.list), refused for packs that are not installed erasers, and back to MI-GAN once LaMa is removed;
// LaMa's providers skip DirectML.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { channels } from '../../../src-shared/contract/contract';
import { createDispatcher, type Dispatch } from '../../../src-main/engine/dispatcher';
import { createEngineHandlers, hardenSharp } from '../../../src-main/engine/handlers';
import { eraserProviders } from '../../../src-main/engine/erase/eraser-pack';
import { readPreferences } from '../../../src-main/engine/models/preferences';
import { writeStandins } from '../../../src-main/standins/index';
import { makeSession, type TestSession } from '../../helpers/images';

let s: TestSession;
let dispatch: Dispatch;
let id = 1;
const reply = (channel: keyof typeof channels, payload: unknown) => dispatch({ t: 'req', id: id++, channel, payload });
const erasePack = async () => {
  const r = await reply('models.list', {});
  if (!r?.ok) throw new Error(JSON.stringify(r));
  return channels['models.list'].response.parse(r.result).erasePack;
};

beforeAll(async () => {
  hardenSharp();
  s = await makeSession();
  await writeStandins(s.ctx.modelsDir, (p) => p === 'migan-512' || p === 'lama-512' || p === 'gdino-tiny');
  dispatch = createDispatcher(createEngineHandlers(), s.ctx);
});
afterAll(() => s.cleanup());

it('uses MI-GAN until LaMa is chosen, then LaMa, and says so in models.list', async () => {
  expect(await erasePack()).toBe('migan-512');
  expect(await reply('models.prefer', { role: 'erase', packId: 'lama-512' })).toMatchObject({ ok: true });
  expect(await readPreferences(s.ctx.modelsDir)).toEqual({ version: 1, erase: 'lama-512' });
  expect(await erasePack()).toBe('lama-512');
});

it('refuses a pack that is not an installed eraser, and keeps the choice it had', async () => {
  expect(await reply('models.prefer', { role: 'erase', packId: 'gdino-tiny' })).toMatchObject({
    ok: false,
    error: { code: 'BAD_REQUEST', message: expect.stringMatching(/not an eraser/) },
  });
  expect(await reply('models.prefer', { role: 'erase', packId: 'sam-vit-b' })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND', message: expect.stringMatching(/not installed/) },
  });
  expect(await erasePack()).toBe('lama-512');
});

it('falls back to MI-GAN when LaMa is removed, keeping the choice for a reinstall', async () => {
  await rm(path.join(s.ctx.modelsDir, 'lama-512'), { recursive: true, force: true });
  expect(await erasePack()).toBe('migan-512');
  expect((await readPreferences(s.ctx.modelsDir)).erase).toBe('lama-512');
});

it('never runs LaMa on DirectML (reported to fail on its DFT MatMuls); MI-GAN keeps it, CUDA stays first', () => {
  const pack = { family: 'eraser' as const, recommendedDevice: 'any' as const };
  const windows = {
    platform: 'win32' as const,
    backends: [
      { name: 'dml', available: true },
      { name: 'cpu', available: true },
    ],
  };
  expect(eraserProviders(pack, 'lama', windows)).toEqual(['cpu']);
  expect(eraserProviders(pack, 'migan', windows)).toEqual(['dml', 'cpu']);
  const cuda = { ...windows, backends: [...windows.backends, { name: 'cuda', available: true }] };
  expect(eraserProviders(pack, 'lama', cuda)).toEqual(['cuda', 'cpu']);
});
