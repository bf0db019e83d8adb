// Runs in: vitest (node). Choosing the SAM pack Select uses (models.prefer) through the engine's dispatcher:
// the catalog's default until the user picks another installed SAM pack; the choice is kept in the models
// folder, used by segment.run, listed by models.list, refused for packs that are not installed SAM packs,
// and ignored (not an error) once its pack is removed.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { channels } from '../../../src-shared/contract/contract';
import { createDispatcher, type Dispatch } from '../../../src-main/engine/dispatcher';
import { createEngineHandlers, hardenSharp } from '../../../src-main/engine/handlers';
import { readPreferences } from '../../../src-main/engine/models/preferences';
import { LANDSCAPE } from '../../../src-main/standins/sam/scenes';
import { writeStandins } from '../../../src-main/standins/index';
import { makeSession, type TestSession } from '../../helpers/images';
import { openFile, sceneFile } from '../../helpers/scenes';

let s: TestSession;
let dispatch: Dispatch;
let id = 1;
async function reply(channel: keyof typeof channels, payload: unknown) {
  return dispatch({ t: 'req', id: id++, channel, payload });
}
async function call<T>(channel: keyof typeof channels, payload: unknown): Promise<T> {
  const r = await reply(channel, payload);
  if (!r?.ok) throw new Error(`${channel}: ${JSON.stringify(r)}`);
  return channels[channel].response.parse(r.result) as T;
}
const segmentPack = async () => (await call<{ segmentPack?: string | null }>('models.list', {})).segmentPack;
const clickPack = async (assetId: string) =>
  (await call<{ packId: string }>('segment.run', { assetId, points: [{ x: 100, y: 100, label: 1 }] })).packId;

beforeAll(async () => {
  hardenSharp();
  s = await makeSession();
  await writeStandins(s.ctx.modelsDir, (p) => p === 'mobilesam' || p === 'sam-vit-b' || p === 'gdino-tiny');
  dispatch = createDispatcher(createEngineHandlers(), s.ctx);
});
afterAll(() => s.cleanup());

it('uses the chosen SAM pack for clicks from then on, and says so in models.list', async () => {
  const assetId = await openFile(s, await sceneFile(LANDSCAPE, 'png'));
  expect(await segmentPack()).toBe('mobilesam'); // the catalog's default
  expect(await clickPack(assetId)).toBe('mobilesam');

  await call('models.prefer', { role: 'segment', packId: 'sam-vit-b' });
  expect(await readPreferences(s.ctx.modelsDir)).toEqual({ version: 1, segment: 'sam-vit-b' });
  expect(await segmentPack()).toBe('sam-vit-b');
  expect(await clickPack(assetId)).toBe('sam-vit-b');
});

it('refuses a pack that is not an installed SAM pack, and keeps the choice it had', async () => {
  const notSam = await reply('models.prefer', { role: 'segment', packId: 'gdino-tiny' });
  expect(notSam).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  const missing = await reply('models.prefer', { role: 'segment', packId: 'sam2.1-tiny' });
  expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/not installed/) } });
  expect(await segmentPack()).toBe('sam-vit-b');
});

it('falls back to the default when the chosen pack is removed', async () => {
  await rm(path.join(s.ctx.modelsDir, 'sam-vit-b'), { recursive: true, force: true });
  expect(await segmentPack()).toBe('mobilesam');
  expect((await readPreferences(s.ctx.modelsDir)).segment).toBe('sam-vit-b'); // kept for a reinstall
});
