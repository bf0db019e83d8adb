// Runs in: vitest (node). detect.run through the engine's real dispatcher: a user's text prompt on an
// opened image comes back as numbered boxes the contract accepts, and bad prompts as clear errors.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { channels } from '../../../src-shared/contract/contract';
import { createDispatcher, type Dispatch } from '../../../src-main/engine/dispatcher';
import { createEngineHandlers, hardenSharp } from '../../../src-main/engine/handlers';
import { writeStandins } from '../../../src-main/standins/index';
import { makeSession, type TestSession } from '../../helpers/images';
import { LANDSCAPE, scenePng } from './scenes';

let s: TestSession;
let dispatch: Dispatch;
let id = 1;
const call = (channel: string, payload: unknown) => dispatch({ t: 'req', id: id++, channel, payload });

beforeAll(async () => {
  hardenSharp();
  s = await makeSession();
  // Any-size stand-in: the scene reaches the graph unresampled, so the box is exact to the pixel.
  await writeStandins(s.ctx.modelsDir, (p) => p === 'standin-gdino-aspect');
  dispatch = createDispatcher(createEngineHandlers(), s.ctx);
});
afterAll(() => s.cleanup());

it('boxes the red square named in the prompt, numbered, in image pixels', async () => {
  const fileId = await s.stage(await scenePng(LANDSCAPE));
  const opened = await call('image.open', { fileId, name: 'scene.png', maxProxySide: 1024 });
  const assetId = (opened as { ok: true; result: { asset: { id: string } } }).result.asset.id;
  const reply = await call('detect.run', { assetId, text: 'red' });
  expect(reply?.ok).toBe(true);
  const result = channels['detect.run'].response.parse((reply as { result: unknown }).result);
  expect(result.detections).toHaveLength(1);
  expect(result.detections[0]).toMatchObject({ index: 1, label: 'red', box: { x0: 100, y0: 150, x1: 400, y1: 450 } });
  expect(result.device.name).toBe('cpu');

  const empty = await call('detect.run', { assetId, text: '   ' });
  expect(empty).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringMatching(/Type what to select/) } });
});
