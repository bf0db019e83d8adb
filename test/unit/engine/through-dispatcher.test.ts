// Runs in: test tooling. The handlers behind the engine's real dispatcher: every reply and event
// must pass the contract's schemas, as the host and renderer will check them.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { events } from '../../../src-shared/contract/contract';
import { createDispatcher, type Dispatch } from '../../../src-main/engine/dispatcher';
import { createEngineHandlers, hardenSharp } from '../../../src-main/engine/handlers';
import { SHARED_IMAGES, makeSession, type TestSession } from '../../helpers/images';
import { needsSharedImages } from '../../helpers/shared-images';

let s: TestSession;
let dispatch: Dispatch;
let nextId = 1;

beforeAll(async () => {
  hardenSharp();
  s = await makeSession();
  dispatch = createDispatcher(createEngineHandlers(), s.ctx);
});
afterAll(() => s.cleanup());

async function call(channel: string, payload: unknown): Promise<unknown> {
  const reply = await dispatch({ t: 'req', id: nextId++, channel, payload });
  if (!reply?.ok) throw new Error(`${channel} failed: ${JSON.stringify(reply)}`);
  return reply.result;
}

it('answers every engine channel with a reply the contract accepts', async (ctx) => {
  needsSharedImages(ctx);
  await call('app.info', {});
  const fileId = await s.stage(await readFile(path.join(SHARED_IMAGES, 'dog.jpg')));
  const { asset } = (await call('image.open', { fileId, name: 'dog.jpg', maxProxySide: 1024 })) as {
    asset: { id: string; width: number; height: number };
  };
  await call('image.proxy', { assetId: asset.id, maxSide: 512 });
  await call('image.decoded', { assetId: asset.id });
  const layer = {
    id: 'l_1',
    kind: 'image',
    name: 'dog',
    assetId: asset.id,
    visible: true,
    opacity: 1,
    x: 0,
    y: 0,
    width: asset.width,
    height: asset.height,
  };
  const document = { id: 'd_1', schemaVersion: 1, name: 'dog.jpg', width: asset.width, height: asset.height, layers: [layer] };
  const exported = (await call('document.exportPng', { document })) as { file: { path: string } };
  expect(exported.file.path).toMatch(/^exports\/e_[A-Za-z0-9_-]+\.png$/);
  await call('image.release', { assetId: asset.id });

  const decodedEvents = s.events.filter((e) => e.event === 'asset.decoded');
  expect(decodedEvents.length).toBeGreaterThan(0);
  for (const e of decodedEvents) events['asset.decoded'].parse(e.payload);
});

it('sends refusals as plain error data', async () => {
  const fileId = await s.stage(Buffer.from('just some words\n'));
  const reply = await dispatch({ t: 'req', id: nextId++, channel: 'image.open', payload: { fileId, name: 'a.png', maxProxySide: 512 } });
  expect(reply).toMatchObject({
    ok: false,
    error: { code: 'UNSUPPORTED_FORMAT', message: 'This file is not an image (it looks like text).' },
  });
});
